package io.tradeflow.backtest.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress on standard error, on a clock the test moves. */
class ProgressLineTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final StringWriter err = new StringWriter();

    @Test
    void aLineAtMostEveryTwoSecondsWithTheShareReadTheKlinesAndTheRate() {
        ProgressLine progress = new ProgressLine(new PrintWriter(err, true), nanos::get, true);

        progress.at(4096, 0.01);
        seconds(1.5);
        progress.at(8192, 0.02);
        seconds(0.5);
        progress.at(200_000, 0.42);
        seconds(1);
        progress.at(204_096, 0.43);
        seconds(1.5);
        progress.at(400_000, 0.84);

        assertThat(err.toString()).isEqualTo("backtest: 42% read, 200000 klines, 100000 klines/s\n"
                + "backtest: 84% read, 400000 klines, 88889 klines/s\n");
        assertThat(progress.done()).isEqualTo("400000 klines in 4.5 s (88889 klines/s)");
    }

    @Test
    void quietItCountsWithoutALine() {
        ProgressLine progress = new ProgressLine(new PrintWriter(err, true), nanos::get, false);

        seconds(10);
        progress.at(1440, 1.0);

        assertThat(err.toString()).isEmpty();
        assertThat(progress.done()).isEqualTo("1440 klines in 10.0 s (144 klines/s)");
    }

    private void seconds(double seconds) {
        nanos.addAndGet((long) (seconds * 1e9));
    }
}
