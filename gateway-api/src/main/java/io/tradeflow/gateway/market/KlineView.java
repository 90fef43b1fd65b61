package io.tradeflow.gateway.market;

import io.tradeflow.core.domain.Kline;

/**
 * A closed kline as the market endpoints return it: times epoch ms, prices and volumes plain decimal strings with
 * the exchange's scale ({@code "35567.20"}), as on {@code market.klines.v1}. Every kline in Redis is closed (only
 * {@code KlineClosed} events are written there), so there is no "closed" flag.
 */
public record KlineView(long openTime, long closeTime, String open, String high, String low, String close,
        String volume, String quoteVolume, long trades) {

    static KlineView of(Kline k) {
        return new KlineView(k.openTime(), k.closeTime(), k.open().toPlainString(), k.high().toPlainString(),
                k.low().toPlainString(), k.close().toPlainString(), k.volume().toPlainString(),
                k.quoteVolume().toPlainString(), k.trades());
    }
}
