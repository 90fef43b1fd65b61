package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.Klines;
import io.tradeflow.backtest.report.Summary;
import io.tradeflow.core.event.BotDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A parameter sweep: every combination of a grid backtested on the in-sample klines, in parallel, ranked by a
 * measure; then the top N backtested on the out-of-sample klines, ranked among themselves, and the best judged for
 * overfitting ({@link Overfitting}).
 *
 * <p>A fixed pool of {@link Plan#threads} threads runs one combination per task, each with its own {@link Backtest}
 * (which holds configuration only; every run builds its own venue, trader, series and strategies, and nothing in the
 * engine is static and mutable) over the same klines, held once in memory and read by all. Only each run's
 * {@link Summary} is kept, not its equity curve. Results are put in place by the combination's number and ranked with
 * a tie-break that never ties, so the result is the same on 1 thread as on 16.
 */
public final class Sweep {

    /**
     * What a sweep runs.
     *
     * @param combinations the grid, checked
     * @param bots         the bot of a combination: the strategy with the combination's parameters, on the pair
     * @param settings     the venue, limits and symbol rules of every run
     * @param rankBy       the ranking measure
     * @param top          how many of the best run out of sample and are shown; at least 1
     * @param threads      the pool's size; at least 1
     */
    public record Plan(Combinations combinations, Function<Combination, BotDefinition> bots, BacktestSettings settings,
                       Measure rankBy, int top, int threads) {
        public Plan {
            Objects.requireNonNull(combinations, "combinations");
            Objects.requireNonNull(bots, "bots");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(rankBy, "rankBy");
            if (top < 1 || threads < 1) {
                throw new IllegalArgumentException("top and threads must be at least 1: " + top + ", " + threads);
            }
        }
    }

    private Sweep() {
    }

    /** Runs the sweep; a run that fails fails the sweep, with its combination named. */
    public static SweepResult run(Plan plan, SampleSplit split, SweepProgress progress) {
        List<Combination> all = plan.combinations().accepted();
        int top = Math.min(plan.top(), all.size());
        progress.plan(all.size(), split.inSampleSize(), split.enabled() ? top : 0, split.outOfSampleSize());
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads(),
                Thread.ofPlatform().name("sweep-", 1).daemon().factory());
        try {
            List<Summary> inSample = runAll(pool, all, c -> summary(plan, c, split.inSample(), progress, false));
            List<Integer> order = Ranking.bestFirst(IntStream.range(0, all.size()).boxed().toList(), plan.rankBy(),
                    inSample::get, i -> all.get(i).number());
            List<Combination> best = order.subList(0, top).stream().map(all::get).toList();
            Optional<Klines> outKlines = split.outOfSample();
            List<Summary> outOfSample = outKlines.isEmpty() ? List.of()
                    : runAll(pool, best, c -> summary(plan, c, outKlines.get(), progress, true));
            int[] outRank = new int[outOfSample.size()];
            List<Integer> outOrder = Ranking.bestFirst(IntStream.range(0, outOfSample.size()).boxed().toList(),
                    plan.rankBy(), outOfSample::get, j -> j);
            for (int r = 0; r < outOrder.size(); r++) {
                outRank[outOrder.get(r)] = r + 1;
            }
            List<Outcome> ranked = new ArrayList<>();
            for (int r = 0; r < order.size(); r++) {
                int i = order.get(r);
                boolean out = r < outOfSample.size();
                ranked.add(new Outcome(all.get(i), inSample.get(i), r + 1,
                        out ? Optional.of(outOfSample.get(r)) : Optional.empty(),
                        out ? OptionalInt.of(outRank[r]) : OptionalInt.empty()));
            }
            return new SweepResult(plan, split, ranked, Overfitting.judge(ranked, plan.rankBy()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Summary summary(Plan plan, Combination combination, Klines klines, SweepProgress progress,
                                   boolean outOfSample) {
        BotRun run = new Backtest(List.of(plan.bots().apply(combination)), plan.settings())
                .run(klines, progress.ofRun()).getFirst();
        Summary summary = Summary.of(run);
        progress.finished(outOfSample);
        return summary;
    }

    /** Each combination's task on the pool; the results in the order of {@code combinations}. */
    private static <T> List<T> runAll(ExecutorService pool, List<Combination> combinations,
                                      Function<Combination, T> task) {
        List<Future<T>> futures = combinations.stream().map(c -> pool.submit(() -> task.apply(c))).toList();
        List<T> results = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                results.add(futures.get(i).get());
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                throw failed(combinations.get(i), e.getCause());
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the sweep was interrupted", e);
            }
        }
        return results;
    }

    /** A run's failure, its combination named; a RuntimeException keeps its type (the command maps it to an exit code). */
    private static RuntimeException failed(Combination combination, Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof RuntimeException runtime) {
            runtime.addSuppressed(new IllegalStateException("while running combination " + combination.number()
                    + " (" + combination.describe() + ")"));
            return runtime;
        }
        return new IllegalStateException("combination " + combination.number() + " (" + combination.describe()
                + ") failed: " + cause, cause);
    }
}
