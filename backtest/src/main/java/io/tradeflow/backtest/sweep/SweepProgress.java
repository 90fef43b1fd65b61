package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.Progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A sweep's progress on standard error, every {@value #EVERY_SECONDS} s at most, from whichever run's thread comes
 * first: the runs done, the klines per second over all threads, and the time left at that rate, e.g.
 * {@code backtest: sweep 120/450 in sample, 0/10 out of sample, 850000 klines/s, ETA 1 min 42 s}. The work is
 * counted in klines (every run's klines, in and out of sample), so the ETA holds for few long runs as for many short.
 * Thread-safe.
 */
public final class SweepProgress {
    static final int EVERY_SECONDS = 2;
    private static final long EVERY_NANOS = EVERY_SECONDS * 1_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final boolean shown;
    private final AtomicLong klines = new AtomicLong();
    private final AtomicInteger inSampleDone = new AtomicInteger();
    private final AtomicInteger outOfSampleDone = new AtomicInteger();
    private volatile long started;
    private volatile int inSampleRuns;
    private volatile int outOfSampleRuns;
    private volatile long totalKlines;
    private long lastShown;

    /**
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     * @param shown     false to count only ({@code --quiet})
     */
    public SweepProgress(PrintWriter err, LongSupplier nanoClock, boolean shown) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.shown = shown;
        this.started = nanoClock.getAsLong();
        this.lastShown = started;
    }

    /** The work ahead, told by the sweep before its first run; the clock starts here. */
    void plan(int inSampleRuns, long inSampleKlines, int outOfSampleRuns, long outOfSampleKlines) {
        this.inSampleRuns = inSampleRuns;
        this.outOfSampleRuns = outOfSampleRuns;
        this.totalKlines = inSampleRuns * inSampleKlines + outOfSampleRuns * outOfSampleKlines;
        synchronized (this) {
            started = nanoClock.getAsLong();
            lastShown = started;
        }
    }

    /** The progress of one run, for {@code Backtest.run}: adds its klines to the sweep's. Used by that run's thread. */
    Progress ofRun() {
        return new Progress() {
            private long counted;

            @Override
            public void at(long runKlines, double fractionRead) {
                klines.addAndGet(runKlines - counted);
                counted = runKlines;
                maybeShow();
            }
        };
    }

    /** One run finished. */
    void finished(boolean outOfSample) {
        (outOfSample ? outOfSampleDone : inSampleDone).incrementAndGet();
        maybeShow();
    }

    private void maybeShow() {
        if (!shown) {
            return;
        }
        String line;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (now - lastShown < EVERY_NANOS) {
                return;
            }
            lastShown = now;
            line = line(now);
        }
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** The line shown at {@code now}. */
    String line(long now) {
        double seconds = Math.max(now - started, 1) / 1e9;
        long done = klines.get();
        double rate = done / seconds;
        String eta = done == 0 ? "unknown" : duration(Math.round((totalKlines - done) / rate));
        return String.format(Locale.ROOT, "backtest: sweep %d/%d in sample%s, %.0f klines/s, ETA %s", inSampleDone.get(),
                inSampleRuns, outOfSampleRuns == 0 ? "" : ", " + outOfSampleDone.get() + "/" + outOfSampleRuns
                        + " out of sample", rate, eta);
    }

    /** The last line: how many runs and klines, in how long. */
    public String done() {
        double seconds = Math.max(nanoClock.getAsLong() - started, 1) / 1e9;
        return String.format(Locale.ROOT, "sweep: %d runs, %d klines in %.1f s (%.0f klines/s)",
                inSampleDone.get() + outOfSampleDone.get(), klines.get(), seconds, klines.get() / seconds);
    }

    /** {@code 42 s}, {@code 1 min 05 s}, {@code 2 h 07 min}. */
    static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds / 60 % 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }
}
