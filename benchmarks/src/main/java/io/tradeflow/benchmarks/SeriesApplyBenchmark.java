package io.tradeflow.benchmarks;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@link IndicatorSeries#apply} per operation with a typical set of eleven indicators (15 outputs): the work
 * indicator-service does per closed kline before encoding, including building the snapshot and its decimals.
 *
 * <p>A series only moves forward in time, so the klines are preloaded (65 536, one minute apart) and, when they run
 * out, the series is put back to its checkpoint after the warm-up: one restore per 64 000 operations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SeriesApplyBenchmark {

    public static final List<String> TYPICAL = List.of("sma(21)", "sma(200)", "ema(50)", "rsi(14)", "atr(14)",
            "highest(20)", "lowest(20)", "pivothigh(10)", "pivotlow(10)", "macd(12,26,9)", "bb(20,2)");

    private static final Symbol SYMBOL = new Symbol("BTCUSDT");
    private static final int SIZE = 1 << 16;
    private static final int WARM = 1_000;

    private KlineClosed[] klines;
    private IndicatorSeries series;
    private IndicatorSeries.Checkpoint warmed;
    private int index;

    @Setup
    public void setUp() {
        klines = new RandomWalk(SIZE, 42).klines(SYMBOL, 1_700_006_400_000L);
        series = new IndicatorSeries(SYMBOL, Interval.ONE_MINUTE);
        series.require(TYPICAL);
        for (int i = 0; i < WARM; i++) {
            series.apply(klines[i], klines[i].producedAt());
        }
        warmed = series.checkpoint();
        index = WARM;
    }

    @Benchmark
    public IndicatorSeries.Update apply() {
        if (index == SIZE) {
            series = IndicatorSeries.restore(SYMBOL, Interval.ONE_MINUTE, warmed);
            index = WARM;
        }
        KlineClosed kline = klines[index++];
        return series.apply(kline, kline.producedAt());
    }
}
