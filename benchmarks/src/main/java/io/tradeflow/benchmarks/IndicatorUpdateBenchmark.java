package io.tradeflow.benchmarks;

import io.tradeflow.core.indicator.Indicator;
import io.tradeflow.core.indicator.Indicators;
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
 * One {@link Indicator#update} (plus reading the value, so the JIT cannot drop the work) per operation, over a
 * preloaded walk of 65 536 klines that wraps around. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} should be
 * 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndicatorUpdateBenchmark {

    private static final int SIZE = 1 << 16;

    @Param({"sma(21)", "sma(200)", "ema(50)", "rsi(14)", "atr(14)", "highest(20)", "pivotlow(10)", "macd(12,26,9)",
            "bb(20,2)"})
    public String indicator;

    private Indicator target;
    private RandomWalk walk;
    private int index;

    @Setup
    public void setUp() {
        walk = new RandomWalk(SIZE, 42);
        target = Indicators.create(indicator);
        // Past the warm-up, so every measured update does the steady-state work.
        for (int i = 0; i < 2_000; i++) {
            update(i);
        }
    }

    @Benchmark
    public double update() {
        int i = index++ & (SIZE - 1);
        update(i);
        return target.value(0);
    }

    private void update(int i) {
        target.update(walk.open[i], walk.high[i], walk.low[i], walk.close[i], walk.volume[i]);
    }
}
