package io.tradeflow.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every indicator promises: warm-up counts, state that continues exactly, allocation-free updates. */
class IndicatorStateTest {

    private static final ReferenceData.Ohlcv DATA = BruteForceTest.randomWalk(300, 42, false);

    @ParameterizedTest
    @ValueSource(strings = {"sma(21)", "sma(1)", "ema(50)", "rsi(14)", "atr(14)", "highest(20)", "lowest(20)",
            "pivothigh(3)", "pivotlow(3)", "macd(12,26,9)", "bb(20,2)", "bb(7,2.5)"})
    void stateTakenHalfwayContinuesBitForBitInAFreshInstance(String name) {
        Indicator original = Indicators.create(name);
        for (int i = 0; i < 150; i++) {
            DATA.feed(original, i);
        }
        Indicator restored = Indicators.create(name);
        restored.restore(original.state());
        assertThat(restored.state()).isEqualTo(original.state());
        for (int i = 150; i < DATA.size(); i++) {
            DATA.feed(original, i);
            DATA.feed(restored, i);
            for (int output = 0; output < original.outputs(); output++) {
                assertThat(Double.doubleToRawLongBits(restored.value(output))).as("%s at %d", name, i)
                        .isEqualTo(Double.doubleToRawLongBits(original.value(output)));
            }
            assertThat(restored.isStable()).isEqualTo(original.isStable());
        }
        assertThat(original.isStable()).isTrue();
        assertThat(restored.state()).isEqualTo(original.state());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"sma(21) | 21", "ema(50) | 50", "rsi(14) | 15", "atr(14) | 15",
            "highest(20) | 20", "lowest(20) | 20", "macd(12,26,9) | 34", "bb(20,2) | 20", "sma(1) | 1", "rsi(1) | 2"})
    void isStableExactlyFromTheWarmUpKlineOn(String name, int warmUp) {
        Indicator indicator = Indicators.create(name);
        assertThat(indicator.warmUp()).isEqualTo(warmUp);
        for (int i = 0; i < warmUp - 1; i++) {
            DATA.feed(indicator, i);
            assertThat(indicator.isStable()).as("after %d klines", i + 1).isFalse();
            for (int output = 0; output < indicator.outputs(); output++) {
                assertThat(indicator.value(output)).isNaN();
            }
        }
        DATA.feed(indicator, warmUp - 1);
        assertThat(indicator.isStable()).isTrue();
        for (int output = 0; output < indicator.outputs(); output++) {
            assertThat(indicator.value(output)).isFinite();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sma(21)", "pivotlow(3)", "macd(12,26,9)", "bb(20,2)"})
    void restoreRejectsAStateOfAnotherShape(String name) {
        Indicator indicator = Indicators.create(name);
        double[] tooShort = new double[indicator.state().length - 1];
        assertThatThrownBy(() -> indicator.restore(tooShort))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        double[] badCount = indicator.state();
        badCount[0] = 1.5;
        assertThatThrownBy(() -> indicator.restore(badCount)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sma(200)", "ema(50)", "rsi(14)", "atr(14)", "highest(20)", "pivotlow(10)",
            "macd(12,26,9)", "bb(20,2)"})
    void updatesAllocateNothing(String name) {
        ReferenceData.Ohlcv data = BruteForceTest.randomWalk(20_000, 1, false);
        Indicator indicator = Indicators.create(name);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < data.size(); i++) {
            data.feed(indicator, i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 20 000 updates: one allocating update would show up as hundreds of kilobytes; allow the JIT some noise.
        assertThat(allocated).as("bytes allocated by %s over 20 000 updates", name).isLessThan(16_384);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sma(21)", "bb(20,2)", "macd(12,26,9)"})
    void outputIndexesAreChecked(String name) {
        Indicator indicator = Indicators.create(name);
        assertThatThrownBy(() -> indicator.value(indicator.outputs())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> indicator.outputName(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
