package io.tradeflow.execution.exchange;

import io.tradeflow.core.domain.Market;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the symbol rules of one market currently come from.
 *
 * @param origin     the snapshot shipped with the service, or a fetch from Binance
 * @param location   the classpath resource ({@code classpath:exchange-info/usdm.json}) or the URL fetched
 * @param serverTime Binance's clock when it produced these rules (for the snapshot: the capture date)
 * @param loadedAt   when this service loaded them
 * @param symbols    how many symbols have rules
 */
public record RulesSource(Market market, Origin origin, String location, Instant serverTime, Instant loadedAt,
        int symbols) {

    public enum Origin {
        /** Shipped in {@code exchange-info/}: used until a fetch from Binance works. */
        SNAPSHOT,
        /** Fetched from Binance's exchangeInfo. */
        EXCHANGE
    }

    public RulesSource {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(serverTime, "serverTime");
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    /** {@code 1 USD_M symbols from classpath:exchange-info/usdm.json (snapshot, Binance time 2025-05-30T09:23:34.323Z)}. */
    public String describe() {
        return symbols + " " + market + " symbols from " + location + " (" + origin.name().toLowerCase()
                + ", Binance time " + serverTime + ")";
    }
}
