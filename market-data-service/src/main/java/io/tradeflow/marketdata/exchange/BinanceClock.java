package io.tradeflow.marketdata.exchange;

import java.util.function.LongSupplier;

/**
 * Binance's clock as seen from here: the local clock plus the offset the last {@code GET /fapi/v1/time} answer
 * showed. Kline open and close times are the exchange's, so whether a kline is overdue is decided on this clock,
 * as {@link BinanceKlineHistory} decides on it which kline is still open; a host clock that is off then neither
 * raises false alarms nor hides a silence. Thread-safe.
 */
public final class BinanceClock {
    private final LongSupplier localMillis;
    private volatile long offsetMillis;
    private volatile long toldAtLocalMillis = Long.MIN_VALUE;

    public BinanceClock() {
        this(System::currentTimeMillis);
    }

    BinanceClock(LongSupplier localMillis) {
        this.localMillis = localMillis;
    }

    /** Binance's time now, epoch ms: the local clock corrected by the last answer (uncorrected before any). */
    public long now() {
        return localMillis.getAsLong() + offsetMillis;
    }

    /**
     * Binance said {@code serverTime}, and the answer arrived at local time {@code receivedAtLocal}. The answer is at
     * most one round trip old, so the estimate may lag Binance by that much: an alarm can only come that late, never
     * early.
     */
    public void told(long serverTime, long receivedAtLocal) {
        offsetMillis = serverTime - receivedAtLocal;
        toldAtLocalMillis = receivedAtLocal;
    }

    /** Local milliseconds since Binance last told its time; {@link Long#MAX_VALUE} when it never did. */
    public long millisSinceTold() {
        long told = toldAtLocalMillis;
        return told == Long.MIN_VALUE ? Long.MAX_VALUE : Math.max(0, localMillis.getAsLong() - told);
    }

    long localNow() {
        return localMillis.getAsLong();
    }
}
