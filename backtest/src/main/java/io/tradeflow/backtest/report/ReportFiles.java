package io.tradeflow.backtest.report;

import java.nio.file.Path;

/** The files {@link ReportWriter} wrote for one bot. */
public record ReportFiles(Path trades, Path summary, Path statistics, Path html) {
}
