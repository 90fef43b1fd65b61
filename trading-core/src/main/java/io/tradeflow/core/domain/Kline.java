package io.tradeflow.core.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One closed kline, in neutral words: adapters turn exchange rows and stream messages into this.
 *
 * @param openTime    epoch ms of the first instant of the kline
 * @param closeTime   epoch ms of its last instant (Binance: the next open time minus 1 ms)
 * @param volume      base asset volume (contracts for COIN-M)
 * @param quoteVolume quote asset volume (base asset for COIN-M)
 * @param trades      number of trades
 */
public record Kline(
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
        long trades) {

    public Kline {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(quoteVolume, "quoteVolume");
        if (closeTime <= openTime) {
            throw new IllegalArgumentException("closeTime " + closeTime + " is not after openTime " + openTime);
        }
        if (low.signum() <= 0) {
            throw new IllegalArgumentException("low " + low.toPlainString() + " is not positive");
        }
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException(
                    "high " + high.toPlainString() + " is below low " + low.toPlainString());
        }
        requireWithinRange("open", open, low, high);
        requireWithinRange("close", close, low, high);
        if (volume.signum() < 0 || quoteVolume.signum() < 0 || trades < 0) {
            throw new IllegalArgumentException("volume, quoteVolume and trades must not be negative");
        }
    }

    /** The identity of this kline, {@code BTCUSDT-1m-1700006400000}: events about one kline derive their ids from it. */
    public String id() {
        return id(symbol, interval, openTime);
    }

    public static String id(Symbol symbol, Interval interval, long openTime) {
        return symbol.value() + "-" + interval.code() + "-" + openTime;
    }

    private static void requireWithinRange(String name, BigDecimal price, BigDecimal low, BigDecimal high) {
        if (price.compareTo(low) < 0 || price.compareTo(high) > 0) {
            throw new IllegalArgumentException(name + " " + price.toPlainString() + " is outside low "
                    + low.toPlainString() + " .. high " + high.toPlainString());
        }
    }
}
