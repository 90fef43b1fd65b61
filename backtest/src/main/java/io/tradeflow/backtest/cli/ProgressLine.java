package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.Progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A run's progress on standard error, every {@value #EVERY_SECONDS} s at most: the share of the kline files read, the
 * klines so far and the rate, e.g. {@code backtest: 42% read, 123456 klines, 85000 klines/s}.
 */
final class ProgressLine implements Progress {
    static final int EVERY_SECONDS = 2;
    private static final long EVERY_NANOS = EVERY_SECONDS * 1_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final boolean shown;
    private final long started;
    private long lastShown;
    private long klines;

    /**
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     * @param shown     false to count only ({@code --quiet})
     */
    ProgressLine(PrintWriter err, LongSupplier nanoClock, boolean shown) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.shown = shown;
        this.started = nanoClock.getAsLong();
        this.lastShown = started;
    }

    @Override
    public void at(long klines, double fractionRead) {
        this.klines = klines;
        long now = nanoClock.getAsLong();
        if (!shown || now - lastShown < EVERY_NANOS) {
            return;
        }
        lastShown = now;
        err.println(String.format(Locale.ROOT, "backtest: %.0f%% read, %d klines, %.0f klines/s", fractionRead * 100,
                klines, klines / ((now - started) / 1e9)));
        err.flush();
    }

    /** The last line: how many klines, in how long. */
    String done() {
        double seconds = Math.max(nanoClock.getAsLong() - started, 1) / 1e9;
        return String.format(Locale.ROOT, "%d klines in %.1f s (%.0f klines/s)", klines, seconds, klines / seconds);
    }
}
