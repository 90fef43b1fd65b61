package io.tradeflow.benchmarks;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.backtest.exchange.ExchangeInfoFile;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole backtest of one bot, per operation one kline (so the score is ns per kline; klines/s per core is 1e9 over
 * it): {@link Backtest#run} over {@value #KLINES} one-minute klines of a random walk held in memory (half a year), on
 * one thread, with execution-service's pre-trade checks and the paper venue's fills, the order events booked into
 * positions and the equity marked per kline, as {@code bin/backtest} runs it.
 *
 * <p>The loss limits are wide open so that no bot is halted part way and every run trades the whole walk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BacktestBenchmark {
    static final int KLINES = 1 << 18;
    private static final Symbol SYMBOL = Symbol.of("BTCUSDT");

    @Param({"sma-crossover", "rsi-reversion"})
    public String strategy;

    private LoadedKlines klines;
    private Backtest backtest;

    @Setup(Level.Trial)
    public void setUp() {
        klines = LoadedKlines.of(List.of(new RandomWalk(KLINES, 42).klines(SYMBOL, 1_700_006_400_000L)));
        RiskLimits open = new RiskLimits(50, new BigDecimal("1000000000"), new BigDecimal("1000000000"),
                new BigDecimal("100"), new BigDecimal("100"), Duration.ofSeconds(30));
        BacktestSettings settings = new BacktestSettings(PaperSettings.DEFAULTS, open, ExchangeInfoFile.builtIn().rules());
        BotDefinition bot = new BotDefinition("bench-" + strategy, "benchmark bot", Market.USD_M, SYMBOL,
                Interval.ONE_MINUTE, new StrategySpec(strategy, Map.of()),
                new RiskSpec(new BigDecimal("100"), 5, MarginType.ISOLATED, 1), Venue.PAPER, BotStatus.RUNNING, false,
                1_700_000_000_000L, 1_700_000_000_000L);
        backtest = new Backtest(List.of(bot), settings);
        BotRun run = backtest.run(klines).getFirst();
        // For the record: how much trading the measured run does.
        System.out.printf("%n%s: %d klines, %d order events, %d trades%n", strategy, klines.size(),
                run.orders().size(), run.trades().size());
    }

    @Benchmark
    @OperationsPerInvocation(KLINES)
    public List<BotRun> run() {
        return backtest.run(klines);
    }
}
