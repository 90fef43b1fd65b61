package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a Binance futures market lives: the combined-stream WebSocket base and the REST base, with the stream names
 * and request URLs built from them.
 *
 * @param webSocketBase e.g. {@code wss://fstream.binance.com/market}, without a trailing slash
 * @param restBase      e.g. {@code https://fapi.binance.com}, without a trailing slash
 */
public record BinanceEndpoints(Market market, String webSocketBase, String restBase) {

    /**
     * USD-M klines are only served under {@code /market} since 2026-04-23: the legacy {@code /stream} path still
     * connects but delivers no klines, which is why this base ends in {@code /market}.
     */
    public static final String USD_M_WEB_SOCKET = "wss://fstream.binance.com/market";
    public static final String USD_M_REST = "https://fapi.binance.com";
    public static final String COIN_M_WEB_SOCKET = "wss://dstream.binance.com";
    public static final String COIN_M_REST = "https://dapi.binance.com";

    public BinanceEndpoints {
        webSocketBase = withoutTrailingSlash(webSocketBase);
        restBase = withoutTrailingSlash(restBase);
    }

    /** The configured bases, or the production ones of {@code market} where none is configured. */
    public static BinanceEndpoints of(Market market, Optional<String> webSocketBase, Optional<String> restBase) {
        return new BinanceEndpoints(market,
                webSocketBase.orElse(market == Market.USD_M ? USD_M_WEB_SOCKET : COIN_M_WEB_SOCKET),
                restBase.orElse(market == Market.USD_M ? USD_M_REST : COIN_M_REST));
    }

    /** The kline stream of a pair: {@code btcusdt@kline_1m}, {@code btcusd_perp@kline_1M}. */
    public static String streamName(Subscription pair) {
        // The interval code stays as it is: Binance tells 1m (minute) from 1M (month) by case.
        return pair.symbol().value().toLowerCase(Locale.ROOT) + "@kline_" + pair.interval().code();
    }

    /** {@code {base}/stream?streams=a/b/c}: one connection carrying several streams, each message naming its stream. */
    public URI combinedStream(Collection<String> streams) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a combined stream needs at least one stream");
        }
        return URI.create(webSocketBase + "/stream?streams=" + String.join("/", streams));
    }

    /**
     * What to tell the operator when kline streams stay silent on a USD-M base that is not the {@code /market} one:
     * since 2026-04-23 Binance routes USD-M klines only there, and a connection on the legacy root path
     * ({@code /stream}, {@code /ws}) is accepted, answers pings and SUBSCRIBE, and gets no kline. Empty for COIN-M
     * and for a base under {@code /market}.
     */
    public Optional<String> klinePathHint() {
        String path = URI.create(webSocketBase).getRawPath();
        if (market != Market.USD_M || path != null && path.contains("/market")) {
            return Optional.empty();
        }
        return Optional.of("USD-M klines are on the /market base path (" + USD_M_WEB_SOCKET + "/stream?streams=...); "
                + webSocketBase + " has no /market, and Binance sends no kline to a connection on another path");
    }

    /** {@code GET /fapi/v1/klines} (USD-M) or {@code /dapi/v1/klines} (COIN-M): klines opening at or after {@code startTime}. */
    public URI klines(Symbol symbol, Interval interval, long startTime, int limit) {
        return URI.create(restBase + apiPath() + "/klines?symbol=" + symbol.value() + "&interval=" + interval.code()
                + "&startTime=" + startTime + "&limit=" + limit);
    }

    /** {@code GET /fapi/v1/time}: the exchange's clock, which decides which kline is still open. */
    public URI serverTime() {
        return URI.create(restBase + apiPath() + "/time");
    }

    private String apiPath() {
        return market == Market.USD_M ? "/fapi/v1" : "/dapi/v1";
    }

    private static String withoutTrailingSlash(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a Binance base URL must not be empty");
        }
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
