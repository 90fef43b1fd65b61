package io.tradeflow.backtest;

import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.KlinePrices;

import java.util.ArrayList;
import java.util.List;

/**
 * Klines held in memory, read once and then shared read-only: any number of passes, from any number of threads at
 * once, for runs over the same data (a parameter sweep reads the files once, not once per run). The klines must be
 * in market time already; an unsorted list is refused. Each kline's prices are converted for the indicators once,
 * here ({@link KlinePrices}), not on every pass.
 */
public final class LoadedKlines implements Klines {
    private final List<KlineClosed> klines;
    /** {@code prices.get(i)} is {@code klines.get(i)}'s. */
    private final List<KlinePrices> prices;

    private LoadedKlines(List<KlineClosed> klines, List<KlinePrices> prices) {
        this.klines = klines;
        this.prices = prices;
    }

    private static LoadedKlines holding(List<KlineClosed> klines) {
        return new LoadedKlines(klines, klines.stream().map(KlinePrices::of).toList());
    }

    /** Holds {@code klines} (copied), checking that they are in market time: open time never goes back. */
    public static LoadedKlines of(List<KlineClosed> klines) {
        List<KlineClosed> copy = List.copyOf(klines);
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).openTime() < copy.get(i - 1).openTime()) {
                throw new IllegalArgumentException("klines are not in market time: " + copy.get(i).eventId()
                        + " opens before " + copy.get(i - 1).eventId());
            }
        }
        return holding(copy);
    }

    /** Reads a whole pass of {@code source} into memory. */
    public static LoadedKlines load(Klines source) {
        List<KlineClosed> read = new ArrayList<>();
        try (Pass pass = source.open()) {
            for (KlineClosed kline = pass.next(); kline != null; kline = pass.next()) {
                read.add(kline);
            }
        }
        return holding(List.copyOf(read));
    }

    public List<KlineClosed> klines() {
        return klines;
    }

    public int size() {
        return klines.size();
    }

    /** A read-only view of klines {@code [from, to)}, sharing them and their prices: nothing is copied. */
    public LoadedKlines slice(int from, int to) {
        return new LoadedKlines(klines.subList(from, to), prices.subList(from, to));
    }

    @Override
    public Pass open() {
        return new Pass() {
            private int next;

            @Override
            public KlineClosed next() {
                return next < klines.size() ? klines.get(next++) : null;
            }

            @Override
            public KlinePrices prices(KlineClosed kline) {
                int last = next - 1;
                return last >= 0 && klines.get(last) == kline ? prices.get(last) : KlinePrices.of(kline);
            }

            @Override
            public double fractionRead() {
                return klines.isEmpty() ? 1.0 : (double) next / klines.size();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
