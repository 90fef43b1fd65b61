package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.backtest.input.InputException;
import io.tradeflow.backtest.sweep.Combinations;
import io.tradeflow.backtest.sweep.SampleSplit;
import io.tradeflow.backtest.sweep.Sweep;
import io.tradeflow.backtest.sweep.SweepCsv;
import io.tradeflow.backtest.sweep.SweepJson;
import io.tradeflow.backtest.sweep.SweepProgress;
import io.tradeflow.backtest.sweep.SweepResult;
import io.tradeflow.backtest.sweep.SweepTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code bin/backtest --grid ...}: the sweep ({@link Sweep}) over klines read once, then its table on standard output,
 * {@code sweep.csv} and {@code sweep.json} in the output folder, and the best combination's report over the whole
 * range in {@code <output>/best/}. Notes, progress and the overfitting warning go to standard error.
 */
final class SweepRun {
    private final PrintWriter err;
    private final PrintWriter stdout;
    private final LongSupplier nanoClock;
    private final boolean quiet;

    SweepRun(PrintWriter err, PrintWriter stdout, LongSupplier nanoClock, boolean quiet) {
        this.err = err;
        this.stdout = stdout;
        this.nanoClock = nanoClock;
        this.quiet = quiet;
    }

    /** The one pair a sweep runs on: a sweep ranks one bot's results. */
    static Series onePair(KlineChoice klines) {
        Set<Series> series = klines.series();
        if (series.size() != 1) {
            throw new UsageException("a sweep ranks one bot, on one pair, but the kline files hold " + series.size()
                    + " (" + series.stream().map(Series::toString).collect(Collectors.joining(", "))
                    + "): give one symbol in --symbols, or the files of one pair in --klines");
        }
        return series.iterator().next();
    }

    /** Runs the sweep and writes what it found; the exit code. */
    int run(Sweep.Plan plan, LoadedKlines klines, BigDecimal outOfSample, Path out) {
        Combinations combinations = plan.combinations();
        if (!combinations.refused().isEmpty()) {
            Combinations.Refused first = combinations.refused().getFirst();
            err.println("backtest: " + combinations.refused().size() + " of " + combinations.total() + " combinations "
                    + "skipped, refused by " + combinations.strategy() + " (e.g. " + first.combination().describe()
                    + ": " + first.reason() + "); sweep.json lists them");
        }
        SampleSplit split;
        try {
            split = SampleSplit.of(klines, outOfSample);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        if (!quiet) {
            err.println("backtest: " + describe(split) + "; " + combinations.accepted().size() + " combinations on "
                    + plan.threads() + " thread(s)");
        }
        SweepProgress progress = new SweepProgress(err, nanoClock, !quiet);
        SweepResult result = Sweep.run(plan, split, progress);
        if (!quiet) {
            err.println("backtest: " + progress.done());
        }
        stdout.print(SweepTable.of(result));
        stdout.flush();
        if (result.overfitting().warned()) {
            err.println("backtest: WARNING: possible overfitting: " + String.join("; ", result.overfitting().reasons())
                    + ". The in-sample best may not hold on new data: prefer a combination that does well in and out "
                    + "of sample, a coarser grid, or more data.");
        }
        Path csv = out.resolve("sweep.csv");
        Path json = out.resolve("sweep.json");
        try {
            Files.createDirectories(out);
            Files.writeString(csv, SweepCsv.of(result), StandardCharsets.UTF_8);
            Files.writeString(json, SweepJson.of(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the sweep's files into " + out + " (" + e.getMessage()
                    + "); check that the folder is writable and the disk not full", e);
        }
        stdout.println();
        stdout.println("The best in sample (" + result.best().combination().describe() + ") over the whole range:");
        List<BotRun> best = new Backtest(List.of(plan.bots().apply(result.best().combination())), plan.settings())
                .run(klines);
        Results.write(best, klines, out.resolve("best"), stdout);
        stdout.println("sweep: " + csv + ", " + json);
        stdout.flush();
        return 0;
    }

    /** Where the cut is and why, for standard error. */
    private static String describe(SampleSplit split) {
        if (!split.enabled()) {
            return split.klines().size() + " klines, " + SweepTable.time(split.from()) + " to "
                    + SweepTable.time(split.to()) + " UTC, all in sample (--out-of-sample 0)";
        }
        String asked = split.fraction().movePointRight(2).stripTrailingZeros().toPlainString() + " %";
        return split.klines().size() + " klines; in sample " + SweepTable.time(split.from()) + " to "
                + SweepTable.time(split.cut()) + " UTC (" + split.inSampleSize() + "), out of sample to "
                + SweepTable.time(split.to()) + " (" + split.outOfSampleSize() + ", "
                + split.outOfSampleShare().movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString()
                + " % of the time; " + (split.onDayBoundary() ? "the UTC midnight nearest " + asked + " from the end)"
                : "not on a UTC midnight: the klines lie within one day, or are longer than a day; cut at a kline's"
                        + " open near " + asked + " from the end)");
    }
}
