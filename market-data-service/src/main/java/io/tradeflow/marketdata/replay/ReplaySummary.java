package io.tradeflow.marketdata.replay;

import java.time.Duration;
import java.util.Locale;

/**
 * What a replay did. Every data row read is published, a duplicate (already on the topic) or malformed, so when
 * the replay completed {@code rows = published + duplicates + malformed}.
 *
 * @param detail why it ended early (the row it stopped at, or the error), or null when it completed
 */
public record ReplaySummary(End end, long rows, long published, long duplicates, long malformed, Duration elapsed,
                            String detail) {

    public enum End {
        /** Every row of every file was read. */
        COMPLETED,
        /** The service shut down first. */
        STOPPED,
        /**
         * A malformed row (with skip-malformed off), a file that yielded no kline or too many malformed rows, a file
         * mixing time units, or an error ended it.
         */
        FAILED
    }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d rows, %d published, %d duplicates skipped, %d malformed, in %.1f s (%.0f rows/s)%s",
                rows, published, duplicates, malformed, elapsed.toNanos() / 1e9, rowsPerSecond(),
                detail == null ? "" : ": " + detail);
    }
}
