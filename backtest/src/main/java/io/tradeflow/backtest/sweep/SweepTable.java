package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Summary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top N on standard output: rank, the grid's values, then in sample (IS) and out of sample (OOS) side by side:
 * trades, net PnL and the ranking measure, and the out-of-sample rank among the top N. The best row is flagged
 * {@code << overfitting?} when {@link Overfitting} warns. An empty measure is {@code n/a}.
 */
public final class SweepTable {
    static final String FLAG = "<< overfitting?";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private SweepTable() {
    }

    /** The table's text, a title line first, each line ending with a newline. */
    public static String of(SweepResult result) {
        SampleSplit split = result.split();
        Measure rankBy = result.plan().rankBy();
        List<Measure> shown = new ArrayList<>(List.of(Measure.TRADES, Measure.NET_PNL));
        if (!shown.contains(rankBy)) {
            shown.add(rankBy);
        }
        List<String> header = new ArrayList<>(List.of("rank"));
        result.plan().combinations().grid().axes().forEach(axis -> header.add(axis.parameter()));
        shown.forEach(m -> header.add("IS " + m.option()));
        if (split.enabled()) {
            shown.forEach(m -> header.add("OOS " + m.option()));
            header.add("OOS rank");
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        List<Outcome> top = result.top();
        for (Outcome outcome : top) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(outcome.rank())));
            row.addAll(outcome.combination().grid().values());
            cells(row, shown, Optional.of(outcome.inSample()));
            if (split.enabled()) {
                cells(row, shown, outcome.outOfSample());
                row.add(outcome.outOfSampleRank().isPresent()
                        ? outcome.outOfSampleRank().getAsInt() + "/" + top.size() : "");
            }
            rows.add(row);
        }
        StringBuilder text = new StringBuilder(title(result)).append('\n');
        int[] widths = new int[header.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows.get(r).size(); i++) {
                line.append(i == 0 ? "" : "  ").append(" ".repeat(widths[i] - rows.get(r).get(i).length()))
                        .append(rows.get(r).get(i));
            }
            if (r == 1 && result.overfitting().warned()) {
                line.append("  ").append(FLAG);
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private static String title(SweepResult result) {
        SampleSplit split = result.split();
        String parts = split.enabled()
                ? "in sample " + time(split.from()) + " to " + time(split.cut()) + " UTC (" + split.inSampleSize()
                + " klines), out of sample to " + time(split.to()) + " (" + split.outOfSampleSize() + " klines)"
                : time(split.from()) + " to " + time(split.to()) + " UTC (" + split.inSampleSize()
                + " klines), no out-of-sample part";
        return "Top " + result.top().size() + " of " + result.ranked().size() + " combinations by "
                + result.plan().rankBy().option() + (result.plan().rankBy().lowerIsBetter() ? " (lowest first)" : "")
                + ", " + parts + ":";
    }

    private static void cells(List<String> row, List<Measure> shown, Optional<Summary> summary) {
        for (Measure m : shown) {
            row.add(summary.isEmpty() ? "" : Optional.ofNullable(m.text(summary.get())).orElse("n/a"));
        }
    }

    /** {@code 2023-11-15 00:00}, UTC. */
    public static String time(long epochMs) {
        return UTC.format(Instant.ofEpochMilli(epochMs));
    }
}
