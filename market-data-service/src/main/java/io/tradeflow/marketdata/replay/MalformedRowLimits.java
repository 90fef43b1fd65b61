package io.tradeflow.marketdata.replay;

import io.tradeflow.klinefiles.FileTally;

import java.util.Locale;

/**
 * How many malformed rows a replay accepts. A skipped row is a hole in the published klines that a later replay
 * cannot fill (newer klines of the pair are on the topic by then), so skipping is for the odd damaged row: a file
 * that yields no kline, or more than {@code maxSkippedShare} of whose rows are malformed, is not the file it is
 * named after (another kind of data, another layout) or is badly damaged, and fails the replay.
 *
 * @param skip            skip a malformed row and go on, or stop the replay at it
 *                        ({@code tradeflow.market-data.replay.skip-malformed})
 * @param maxSkippedShare share of a file's rows that may be skipped, 0 to 1
 *                        ({@code tradeflow.market-data.replay.max-skipped-share}, 0.01 = 1%)
 */
public record MalformedRowLimits(boolean skip, double maxSkippedShare) {
    public static final String MAX_SKIPPED_SHARE_KEY = "tradeflow.market-data.replay.max-skipped-share";

    public MalformedRowLimits {
        if (!(maxSkippedShare >= 0 && maxSkippedShare <= 1)) {
            throw new ReplayException(MAX_SKIPPED_SHARE_KEY + ": " + maxSkippedShare
                    + " is not a share of a file's rows between 0 and 1 (0.01 accepts one malformed row in a hundred)");
        }
    }

    /** Why the replay must fail over a file read to its end, naming the file and its first bad line; null when it passes. */
    public String refusal(FileTally file) {
        if (file.rows() == 0) {
            return "replay file " + file.file() + " holds no data row: it is empty or not a kline file";
        }
        if (file.klines() == 0) {
            return "replay file " + file.file() + " yielded no kline: all " + file.rows() + " rows are malformed, the first at "
                    + file.firstMalformed() + ". Is it a kline file of the pair and interval its name says?";
        }
        if (file.malformedShare() > maxSkippedShare) {
            return String.format(Locale.ROOT, "replay file %s: %d of its %d rows (%.2f%%) are malformed, more than %s=%s allows; "
                            + "the first at %s. Fix or download the file again, or raise %s to replay it with these holes.",
                    file.file(), file.malformed(), file.rows(), file.malformedShare() * 100, MAX_SKIPPED_SHARE_KEY,
                    maxSkippedShare, file.firstMalformed(), MAX_SKIPPED_SHARE_KEY);
        }
        return null;
    }
}
