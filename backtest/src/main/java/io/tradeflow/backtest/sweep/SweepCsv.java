package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Csv;
import io.tradeflow.backtest.report.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sweep.csv}: one row per combination that ran, best first in sample. RFC 4180 (CRLF, quotes where needed), as
 * the report's {@code trades.csv}. Columns: {@code rank}, {@code combination} (its number in grid order), one per grid
 * parameter, then every {@link Measure} in sample ({@code inSample.netPnl}, ...) and out of sample
 * ({@code outOfSample.netPnl}, ...; only the top N have them), {@code outOfSampleRank} (among the top N), and
 * {@code overfittingWarning} ({@code true} or {@code false} on the best row when there is a split). An empty cell is a
 * measure that cannot be computed or was not run.
 */
public final class SweepCsv {

    private SweepCsv() {
    }

    /** The file's text. */
    public static String of(SweepResult result) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("rank", "combination"));
        result.plan().combinations().grid().axes().forEach(axis -> header.add(axis.parameter()));
        for (String part : List.of("inSample.", "outOfSample.")) {
            for (Measure measure : Measure.values()) {
                header.add(part + measure.field());
            }
        }
        header.addAll(List.of("outOfSampleRank", "overfittingWarning"));
        Csv.row(csv, header);
        for (Outcome outcome : result.ranked()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(outcome.rank()),
                    Integer.toString(outcome.combination().number())));
            cells.addAll(outcome.combination().grid().values());
            measures(cells, Optional.of(outcome.inSample()));
            measures(cells, outcome.outOfSample());
            cells.add(outcome.outOfSampleRank().isPresent() ? Integer.toString(outcome.outOfSampleRank().getAsInt()) : "");
            cells.add(outcome.rank() == 1 && result.split().enabled() ? Boolean.toString(result.overfitting().warned())
                    : "");
            Csv.row(csv, cells);
        }
        return csv.toString();
    }

    private static void measures(List<String> cells, Optional<Summary> summary) {
        for (Measure measure : Measure.values()) {
            cells.add(summary.map(measure::text).orElse(""));
        }
    }
}
