package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.Klines;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.core.event.KlineClosed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The klines of a sweep cut in two by time: the in-sample part, where every combination runs and is ranked, and the
 * out-of-sample part after it, kept out of the search, where the best combinations are run again to see whether they
 * hold up. How the cut is chosen ({@link #of}):
 * <ol>
 *   <li>the range is from the first kline's open time {@code t0} to the last kline's close time + 1 ms {@code t1};
 *       the target is {@code T = t0 + (1 - fraction) * (t1 - t0)} (rounded down to the ms);</li>
 *   <li>the cut is the UTC midnight nearest {@code T} (the earlier of two equally near) among the midnights after
 *       {@code t0} and not after the last kline's open time, so that each part holds klines and whole UTC days (but
 *       for a part-day at the ends of the data): the daily returns of Sharpe and Sortino are not split;</li>
 *   <li>when the klines open within one UTC day, there is no such midnight: the cut is the open time of the first
 *       kline opening at or after {@code T} (never the first kline's, so that each part holds one);</li>
 *   <li>klines longer than a day (3d, 1w, 1M) need not open at a midnight: the cut is then the open time of the
 *       first kline opening at or after that midnight, so that no in-sample kline closes after the cut;</li>
 *   <li>a kline is in sample when it opens before the cut, out of sample otherwise: never in both.</li>
 * </ol>
 * Each part is run from a cold start: a run on the out-of-sample part begins flat, with empty indicator series, as a
 * bot started on that day would (its first klines warm the indicators up).
 *
 * @param klines        all the klines, in market time
 * @param fraction      the share of the time asked for out of sample; 0 when there is no split
 * @param firstOut      index of the first out-of-sample kline in {@code klines}; its size when there is no split
 * @param cut           the first out-of-sample instant, epoch ms; {@code t1} when there is no split
 * @param onDayBoundary whether the cut is a UTC midnight (false for the one-day case, and when klines longer than a
 *                      day moved it on)
 */
public record SampleSplit(LoadedKlines klines, BigDecimal fraction, int firstOut, long cut, boolean onDayBoundary) {
    static final long DAY_MS = 86_400_000L;

    public SampleSplit {
        Objects.requireNonNull(klines, "klines");
        Objects.requireNonNull(fraction, "fraction");
    }

    /** Every kline in sample: {@code --out-of-sample 0}. */
    public static SampleSplit none(LoadedKlines klines) {
        return new SampleSplit(klines, BigDecimal.ZERO, klines.size(), klines.size() == 0 ? 0 : end(klines.klines()),
                false);
    }

    /**
     * The split keeping about {@code fraction} of the time out of sample, cut as the type's description says.
     *
     * @param fraction 0 (no split) to below 1
     * @throws IllegalArgumentException for a fraction outside [0, 1), or klines that cannot be split (fewer than two
     *                                  distinct open times)
     */
    public static SampleSplit of(LoadedKlines klines, BigDecimal fraction) {
        if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("the out-of-sample fraction must be 0 (no split) or above 0 and below 1, "
                    + "not " + fraction.toPlainString());
        }
        if (fraction.signum() == 0) {
            return none(klines);
        }
        List<KlineClosed> all = klines.klines();
        long t0 = all.isEmpty() ? 0 : all.getFirst().openTime();
        long lastOpen = all.isEmpty() ? 0 : all.getLast().openTime();
        if (lastOpen == t0) {
            throw new IllegalArgumentException("the klines cannot be split in sample and out of sample: they all open at "
                    + "the same time; give more days, or --out-of-sample 0");
        }
        long t1 = end(all);
        long target = t0 + BigDecimal.ONE.subtract(fraction).multiply(BigDecimal.valueOf(t1 - t0))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        long firstMidnight = (Math.floorDiv(t0, DAY_MS) + 1) * DAY_MS;
        long lastMidnight = Math.floorDiv(lastOpen, DAY_MS) * DAY_MS;
        if (firstMidnight <= lastMidnight) {
            long before = Math.floorDiv(target, DAY_MS) * DAY_MS;
            long nearest = target - before <= before + DAY_MS - target ? before : before + DAY_MS;
            long midnight = Math.clamp(nearest, firstMidnight, lastMidnight);
            // Klines longer than a day (3d, 1w, 1M) need not open at midnight: the cut moves on to the next kline's
            // open, so the last in-sample kline closes before it (no price after the cut is seen in sample).
            int index = firstOpeningAtOrAfter(all, midnight);
            long cut = all.get(index).openTime();
            return new SampleSplit(klines, fraction, index, cut, cut == midnight);
        }
        int index = Math.clamp(firstOpeningAtOrAfter(all, target), firstOpeningAtOrAfter(all, t0 + 1),
                firstOpeningAtOrAfter(all, lastOpen));
        return new SampleSplit(klines, fraction, index, all.get(index).openTime(), false);
    }

    /** Whether a part is kept out of sample. */
    public boolean enabled() {
        return firstOut < klines.size();
    }

    /** The klines opening before the cut: all of them without a split. */
    public Klines inSample() {
        return klines.slice(0, firstOut);
    }

    /** The klines opening at or after the cut; empty without a split. */
    public Optional<Klines> outOfSample() {
        return enabled() ? Optional.of(klines.slice(firstOut, klines.size())) : Optional.empty();
    }

    public int inSampleSize() {
        return firstOut;
    }

    public int outOfSampleSize() {
        return klines.size() - firstOut;
    }

    /** The in-sample part's range: first open time to the cut (or the end), epoch ms. */
    public long from() {
        return klines.size() == 0 ? 0 : klines.klines().getFirst().openTime();
    }

    /** The end of the range: the last kline's close time + 1 ms. */
    public long to() {
        return klines.size() == 0 ? 0 : end(klines.klines());
    }

    /** The share of the time out of sample, {@code (t1 - cut) / (t1 - t0)}, 4 places; 0 without a split. */
    public BigDecimal outOfSampleShare() {
        if (!enabled()) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(to() - cut).divide(BigDecimal.valueOf(to() - from()), 4, RoundingMode.HALF_EVEN);
    }

    private static long end(List<KlineClosed> klines) {
        return klines.stream().mapToLong(KlineClosed::closeTime).max().orElseThrow() + 1;
    }

    /** Index of the first kline opening at or after {@code time} (the klines are in open-time order); size if none. */
    private static int firstOpeningAtOrAfter(List<KlineClosed> klines, long time) {
        int low = 0;
        int high = klines.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (klines.get(middle).openTime() < time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
