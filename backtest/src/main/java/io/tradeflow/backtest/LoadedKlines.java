package io.tradeflow.backtest;

import io.tradeflow.core.event.KlineClosed;

import java.util.ArrayList;
import java.util.List;

/**
 * Klines held in memory, read once and then shared read-only: any number of passes, from any number of threads at
 * once, for runs over the same data (a parameter sweep reads the files once, not once per run). The klines must be
 * in market time already; an unsorted list is refused.
 */
public final class LoadedKlines implements Klines {
    private final List<KlineClosed> klines;

    private LoadedKlines(List<KlineClosed> klines) {
        this.klines = klines;
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
        return new LoadedKlines(copy);
    }

    /** Reads a whole pass of {@code source} into memory. */
    public static LoadedKlines load(Klines source) {
        List<KlineClosed> read = new ArrayList<>();
        try (Pass pass = source.open()) {
            for (KlineClosed kline = pass.next(); kline != null; kline = pass.next()) {
                read.add(kline);
            }
        }
        return new LoadedKlines(List.copyOf(read));
    }

    public List<KlineClosed> klines() {
        return klines;
    }

    public int size() {
        return klines.size();
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
