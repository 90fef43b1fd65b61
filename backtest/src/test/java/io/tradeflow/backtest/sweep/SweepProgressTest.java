package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.Progress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line, on a clock the test moves: runs done, klines per second over all runs, time left. */
class SweepProgressTest {
    private long now;
    private final StringWriter err = new StringWriter();

    @Test
    void everyTwoSecondsItSaysTheRunsDoneTheRateAndTheTimeLeft() {
        SweepProgress progress = new SweepProgress(new PrintWriter(err), () -> now, true);
        progress.plan(4, 1000, 2, 500);  // 5000 klines in all

        Progress first = progress.ofRun();
        now = 1_000_000_000L;
        first.at(1000, 1.0);
        progress.finished(false);
        assertThat(err.toString()).as("not 2 s yet").isEmpty();

        Progress second = progress.ofRun();
        second.at(600, 0.6);
        now = 2_000_000_000L;
        second.at(1000, 1.0);
        // 2000 klines in 2 s: 1000 klines/s, 3000 left: 3 s.
        assertThat(err.toString()).isEqualTo("backtest: sweep 1/4 in sample, 0/2 out of sample, 1000 klines/s, ETA 3 s"
                + System.lineSeparator());
    }

    @Test
    void quietCountsWithoutALineAndWithoutASplitNoOutOfSamplePart() {
        SweepProgress quiet = new SweepProgress(new PrintWriter(err), () -> now, false);
        quiet.plan(2, 100, 0, 0);
        quiet.ofRun().at(100, 1.0);
        now = 10_000_000_000L;
        quiet.finished(false);

        assertThat(err.toString()).isEmpty();
        assertThat(quiet.line(now)).isEqualTo("backtest: sweep 1/2 in sample, 10 klines/s, ETA 10 s");
        assertThat(quiet.done()).isEqualTo("sweep: 1 runs, 100 klines in 10.0 s (10 klines/s)");
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(SweepProgress.duration(42)).isEqualTo("42 s");
        assertThat(SweepProgress.duration(65)).isEqualTo("1 min 05 s");
        assertThat(SweepProgress.duration(7620)).isEqualTo("2 h 07 min");
    }
}
