package io.tradeflow.klinefiles;

/**
 * What one kline file held, once read to its end.
 *
 * @param file           the file as rows name it ({@code path} or {@code path!entry.csv} for a zip)
 * @param rows           data rows (the header and blank lines are not rows)
 * @param malformed      rows that were not a kline of the file's pair
 * @param firstMalformed the first of them, or null when there is none
 */
public record FileTally(String file, long rows, long malformed, CsvRow.Malformed firstMalformed) {

    /** Rows that were klines: published now, or already on the topic from an earlier run. */
    public long klines() {
        return rows - malformed;
    }

    /** Share of the rows that were malformed, 0 to 1; 0 for a file without rows. */
    public double malformedShare() {
        return rows == 0 ? 0 : (double) malformed / rows;
    }
}
