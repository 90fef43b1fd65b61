package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;

import java.math.BigDecimal;

/**
 * A kline event as Binance sends it (every 250 ms while the kline is open, once more when it closes), in neutral
 * names: the wire's {@code k.x} is {@link #closed()}, {@code E} is {@link #eventTime()}.
 */
public record BinanceKlineMessage(
        long eventTime,
        Symbol symbol,
        Interval interval,
        long openTime,
        long closeTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        long trades,
        boolean closed) implements BinanceStreamMessage {

    public Subscription pair() {
        return new Subscription(symbol, interval);
    }

    /** The kline in neutral form; only meaningful once {@link #closed()}. */
    public Kline toKline() throws MalformedMessageException {
        try {
            return new Kline(symbol, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, trades);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("not a valid kline: " + e.getMessage(), e);
        }
    }
}
