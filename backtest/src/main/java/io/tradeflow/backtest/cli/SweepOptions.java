package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.sweep.Combinations;
import io.tradeflow.backtest.sweep.Grid;
import io.tradeflow.backtest.sweep.InvalidSweepException;
import io.tradeflow.backtest.sweep.Measure;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options of a parameter sweep, mixed into {@code bin/backtest}'s own: {@code --grid} turns a run of
 * {@code --strategy} into a sweep over its parameters, on the same klines, venue and risk options
 * (backtest/README.md, section Parameter sweep). The others go with {@code --grid} only.
 */
final class SweepOptions {
    static final int DEFAULT_TOP = 10;
    static final int DEFAULT_MAX_COMBINATIONS = 10_000;
    static final BigDecimal DEFAULT_OUT_OF_SAMPLE = new BigDecimal("0.3");

    @Option(names = "--grid", paramLabel = "NAME=VALUES", order = 21,
            description = "a parameter sweep: values of a --strategy parameter, a list (fast=5,10,20) or "
                    + "from:to:step with both ends included (slow=20:60:10); repeatable, every combination is run")
    List<String> grid = new ArrayList<>();

    @Option(names = "--rank-by", paramLabel = "MEASURE", order = 22,
            description = "with --grid: net-pnl (default), return, sharpe, sortino, profit-factor, expectancy, "
                    + "win-rate, max-drawdown (lowest first) or trades")
    String rankBy;

    @Option(names = "--top", paramLabel = "N", order = 23,
            description = "with --grid: the best N shown and run out of sample (default " + DEFAULT_TOP + ")")
    Integer top;

    @Option(names = "--out-of-sample", paramLabel = "FRACTION", order = 24,
            description = "with --grid: share of the time, at the end, kept out of the search (default 0.3, cut at "
                    + "the nearest UTC midnight; 0: none)")
    BigDecimal outOfSample;

    @Option(names = "--threads", paramLabel = "N", order = 25,
            description = "with --grid: runs at once (default: the processors the JVM has)")
    Integer threads;

    @Option(names = "--max-combinations", paramLabel = "N", order = 26,
            description = "with --grid: a larger grid is refused (default " + DEFAULT_MAX_COMBINATIONS + ")")
    Integer maxCombinations;

    /** Whether this is a sweep. */
    boolean requested() {
        return !grid.isEmpty();
    }

    /**
     * Checks the sweep's options before anything is read.
     *
     * @throws UsageException for sweep options without {@code --grid}, {@code --grid} with a bots file, or a value out
     *                        of its range
     */
    void check(boolean botsFile) {
        if (!requested()) {
            if (rankBy != null || top != null || outOfSample != null || threads != null || maxCombinations != null) {
                throw new UsageException("--rank-by, --top, --out-of-sample, --threads and --max-combinations go with "
                        + "--grid (a parameter sweep), e.g. --grid fast=5,10,20 --grid slow=20:60:10");
            }
            return;
        }
        if (botsFile) {
            throw new UsageException("--grid sweeps the parameters of --strategy; a bots file gives each bot its own: "
                    + "give --strategy TYPE with --grid (and --param for the parameters that stay)");
        }
        measure();
        positive("--top", top);
        positive("--threads", threads);
        positive("--max-combinations", maxCombinations);
        BigDecimal fraction = outOfSample();
        if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
            throw new UsageException("--out-of-sample " + fraction.toPlainString() + " must be 0 (no split) or above 0 "
                    + "and below 1, the share of the time kept out of the search, e.g. 0.3");
        }
    }

    /**
     * The grid checked against {@code strategy}, its combinations sorted into those that run and those it refuses.
     *
     * @throws UsageException naming the option at fault, with the strategy's parameters when one is
     */
    Combinations combinations(String strategy, Map<String, String> params) {
        try {
            return Combinations.of(strategy, params, Grid.parse(grid, maxCombinations()));
        } catch (InvalidSweepException e) {
            throw new UsageException(e.getMessage() + e.strategyType().map(t -> "\n" + StrategyHelp.parameters(t))
                    .orElse(""));
        }
    }

    Measure measure() {
        try {
            return rankBy == null ? Measure.NET_PNL : Measure.of(rankBy);
        } catch (InvalidSweepException e) {
            throw new UsageException(e.getMessage());
        }
    }

    int top() {
        return top == null ? DEFAULT_TOP : top;
    }

    int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    int maxCombinations() {
        return maxCombinations == null ? DEFAULT_MAX_COMBINATIONS : maxCombinations;
    }

    BigDecimal outOfSample() {
        return outOfSample == null ? DEFAULT_OUT_OF_SAMPLE : outOfSample;
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new UsageException(option + " " + value + " must be at least 1");
        }
    }
}
