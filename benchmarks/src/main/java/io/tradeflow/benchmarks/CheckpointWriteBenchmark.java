package io.tradeflow.benchmarks;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.CheckpointBytes;
import io.tradeflow.core.indicator.IndicatorSeries;
import java.util.Arrays;
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
 * The series state indicator-service puts into its state store on every kline (issue 14), the old way
 * ({@code CheckpointBytes.write(series.checkpoint())}: two maps and two copies of every state, then a
 * {@code DataOutputStream}) against {@link IndicatorSeries#checkpointBytes()}, which gives the same bytes. Run with
 * {@code -prof gc} for the bytes allocated per operation.
 *
 * <p>The series holds indicator-service's default indicators plus three more, warmed on 1 000 klines of a random
 * walk so every state is a stable one (sma(200)'s ring buffer full).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CheckpointWriteBenchmark {

    /** indicator-service's defaults sma(21), sma(200), rsi(14), and three a bot commonly adds. */
    public static final List<String> INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)", "sma(50)", "lowest(10)",
            "highest(10)");

    private static final Symbol SYMBOL = new Symbol("BTCUSDT");
    private static final int WARM = 1_000;

    private IndicatorSeries series;

    @Setup
    public void setUp() {
        KlineClosed[] klines = new RandomWalk(WARM, 42).klines(SYMBOL, 1_700_006_400_000L);
        series = new IndicatorSeries(SYMBOL, Interval.ONE_MINUTE);
        series.require(INDICATORS);
        for (KlineClosed kline : klines) {
            series.apply(kline, kline.producedAt());
        }
        if (!series.isStable() || !Arrays.equals(series.checkpointBytes(),
                CheckpointBytes.write(series.checkpoint()))) {
            throw new IllegalStateException("the two ways must give the same bytes of a warmed series");
        }
    }

    @Benchmark
    public byte[] checkpointThenWrite() {
        return CheckpointBytes.write(series.checkpoint());
    }

    @Benchmark
    public byte[] checkpointBytes() {
        return series.checkpointBytes();
    }
}
