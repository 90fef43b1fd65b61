package io.tradeflow.benchmarks;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.Decision;
import io.tradeflow.core.strategy.Evaluation;
import io.tradeflow.core.strategy.Parameters;
import io.tradeflow.core.strategy.Strategies;
import io.tradeflow.core.strategy.Strategy;
import io.tradeflow.core.strategy.StrategyState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per operation, one bot's strategy on one closed kline's snapshot, with the strategy's default parameters, carrying
 * the bot's state from one snapshot to the next: {@code evaluate} is {@link Strategy.Rule#evaluate} alone (the rule),
 * {@code onSnapshot} is {@link BotStrategy#onSnapshot}, what signal-service calls (the rule plus the duplicate check
 * and building the {@code SignalGenerated} event when there is a signal), before encoding and storing the state.
 *
 * <p>The snapshots are built once: a random walk of 65 536 one-minute klines through an {@link IndicatorSeries} with
 * the strategy's indicators, keeping those after the warm-up, in a ring. Time goes back when the ring wraps, so the
 * state is reset to the strategy's initial one then (once per ~64 000 operations); otherwise the last signal's close
 * time would lie in the future and every signal would be refused for minimum interval. For the same reason
 * {@code onSnapshot} starts a new {@link BotStrategy} on each wrap: it ignores snapshots not newer than the last.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StrategyEvaluationBenchmark {

    private static final Symbol SYMBOL = new Symbol("BTCUSDT");
    private static final int SIZE = 1 << 16;
    private static final int WARM = 1_000;

    @Param({"sma-crossover", "rsi-reversion"})
    public String strategy;

    private BotDefinition bot;
    private BotStrategy botStrategy;
    private Strategy target;
    private Parameters params;
    private Strategy.Rule rule;
    private IndicatorsComputed[] snapshots;
    private StrategyState state;
    private int index;

    @Setup
    public void setUp() {
        target = Strategies.find(strategy);
        params = Strategies.parse(target, Map.of());
        rule = target.rule(params);
        KlineClosed[] klines = new RandomWalk(SIZE, 42).klines(SYMBOL, 1_700_006_400_000L);
        IndicatorSeries series = new IndicatorSeries(SYMBOL, Interval.ONE_MINUTE);
        series.require(List.copyOf(target.indicators(params)));
        List<IndicatorsComputed> ring = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            IndicatorSeries.Update update = series.apply(klines[i], klines[i].producedAt());
            if (i >= WARM) {
                ring.add(update.snapshot().orElseThrow());
            }
        }
        snapshots = ring.toArray(IndicatorsComputed[]::new);
        state = target.initialState();
        bot = new BotDefinition("bench-" + strategy, "benchmark bot", Market.USD_M, SYMBOL, Interval.ONE_MINUTE,
                new StrategySpec(strategy, Map.of()), new RiskSpec(new BigDecimal("100"), 5, MarginType.ISOLATED, 1),
                Venue.PAPER, BotStatus.RUNNING, false, 1_700_000_000_000L, 1_700_000_000_000L);
        botStrategy = BotStrategy.of(bot);
        // How often the measured path ends in a signal or a rejection (printed once per fork, for the record).
        int signals = 0;
        int rejected = 0;
        StrategyState s = target.initialState();
        for (IndicatorsComputed snapshot : snapshots) {
            Evaluation evaluation = rule.evaluate(snapshot, s);
            s = evaluation.state();
            if (evaluation.decision() instanceof Decision.Signal) {
                signals++;
            } else if (evaluation.decision() instanceof Decision.Rejected) {
                rejected++;
            }
        }
        System.out.println(strategy + " " + params.values() + ": " + snapshots.length + " snapshots, " + signals
                + " signals, " + rejected + " rejections per pass");
    }

    @Benchmark
    public Decision evaluate() {
        if (index == snapshots.length) {
            index = 0;
            state = target.initialState();
        }
        Evaluation evaluation = rule.evaluate(snapshots[index++], state);
        state = evaluation.state();
        return evaluation.decision();
    }

    @Benchmark
    public BotStrategy.Outcome onSnapshot() {
        if (index == snapshots.length) {
            index = 0;
            botStrategy = BotStrategy.of(bot);
        }
        IndicatorsComputed snapshot = snapshots[index++];
        return botStrategy.onSnapshot(snapshot, snapshot.producedAt());
    }
}
