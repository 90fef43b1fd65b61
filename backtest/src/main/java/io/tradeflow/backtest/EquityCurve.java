package io.tradeflow.backtest;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A bot's equity curve, one {@link EquityPoint} per kline, held in parallel arrays rather than as point objects: a run
 * marks its equity on every kline, and a point object per kline was a large share of what a backtest allocates.
 * Immutable; {@link #get} makes the point it returns.
 */
public final class EquityCurve extends AbstractList<EquityPoint> implements RandomAccess {
    private final long[] times;
    private final BigDecimal[] equities;
    private final BitSet inMarket;

    private EquityCurve(long[] times, BigDecimal[] equities, BitSet inMarket) {
        this.times = times;
        this.equities = equities;
        this.inMarket = inMarket;
    }

    @Override
    public EquityPoint get(int index) {
        Objects.checkIndex(index, times.length);
        return new EquityPoint(times[index], equities[index], inMarket.get(index));
    }

    @Override
    public int size() {
        return times.length;
    }

    /** Collects the points of one run, in time order. Not thread-safe. */
    static final class Builder {
        private long[] times = new long[1024];
        private BigDecimal[] equities = new BigDecimal[1024];
        private final BitSet inMarket = new BitSet();
        private int size;

        void add(long time, BigDecimal equity, boolean isInMarket) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                equities = Arrays.copyOf(equities, size * 2);
            }
            times[size] = time;
            equities[size] = Objects.requireNonNull(equity, "equity");
            if (isInMarket) {
                inMarket.set(size);
            }
            size++;
        }

        EquityCurve build() {
            return new EquityCurve(Arrays.copyOf(times, size), Arrays.copyOf(equities, size), (BitSet) inMarket.clone());
        }
    }
}
