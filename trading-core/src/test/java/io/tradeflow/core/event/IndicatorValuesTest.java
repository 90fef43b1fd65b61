package io.tradeflow.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IndicatorValuesTest {

    private static final IndicatorValues.Names NAMES = IndicatorValues.Names.of(List.of("sma(21)", "atr(14)", "rsi(14)"));

    @Test
    void scaledValuesReadAsStrippedDecimalsInNameOrderAndAbsentOnesAreLeftOut() {
        // atr(14) = 18.9571, rsi(14) absent, sma(21) = 35532.5 (unscaled at 8 places)
        IndicatorValues values = IndicatorValues.scaled(NAMES,
                new long[] {1_895_710_000L, IndicatorValues.ABSENT, 3_553_250_000_000L}, 8, null);

        assertThat(values).containsExactly(Map.entry("atr(14)", new BigDecimal("18.9571")),
                Map.entry("sma(21)", new BigDecimal("35532.5")));
        assertThat(values.get("sma(21)")).isSameAs(values.get("sma(21)"));
        String notInterned = new String("sma(21)");
        assertThat(values.get(notInterned)).as("found by its text too").isEqualTo(new BigDecimal("35532.5"));
        assertThat(values.get(new Object())).isNull();
        assertThat(values.get("rsi(14)")).isNull();
        assertThat(values.containsKey("rsi(14)")).isFalse();
        assertThat(values.get("ema(50)")).isNull();
        assertThat(values).hasSize(2).isEqualTo(new TreeMap<>(Map.of("atr(14)", new BigDecimal("18.9571"),
                "sma(21)", new BigDecimal("35532.5"))));
    }

    @Test
    void anExactValueOverridesItsSlotAndAWholeNumberStripsToAPositiveExponent() {
        BigDecimal[] exact = {null, new BigDecimal("1E-12"), null};
        IndicatorValues values = IndicatorValues.scaled(NAMES, new long[] {IndicatorValues.ABSENT,
                IndicatorValues.ABSENT, 10_000_000_000L}, 8, exact);

        assertThat(values.get("rsi(14)")).isEqualTo(new BigDecimal("1E-12"));
        assertThat(values.get("sma(21)")).isEqualTo(new BigDecimal("1E+2"));
        assertThat(values.keySet()).containsExactly("rsi(14)", "sma(21)");
    }

    @Test
    void aCopySortsByNameAndRefusesNulls() {
        Map<String, BigDecimal> unsorted = new LinkedHashMap<>();
        unsorted.put("sma(21)", new BigDecimal("2.50"));
        unsorted.put("atr(14)", BigDecimal.ONE);
        IndicatorValues copy = IndicatorValues.copyOf(unsorted);

        assertThat(copy.keySet()).containsExactly("atr(14)", "sma(21)");
        assertThat(copy.get("sma(21)")).as("a given decimal keeps its scale").isEqualTo(new BigDecimal("2.50"));
        assertThat(IndicatorValues.copyOf(copy)).isSameAs(copy);
        unsorted.put("ema(5)", null);
        assertThatThrownBy(() -> IndicatorValues.copyOf(unsorted)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void arraysOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> IndicatorValues.scaled(NAMES, new long[2], 8, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndicatorValues.scaled(NAMES, new long[3], 8, new BigDecimal[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 exact values for 3 names");
        assertThatThrownBy(() -> IndicatorValues.Names.of(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndicatorValues.Names.of(List.of("sma(5)", "sma(5)")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> IndicatorValues.copyOf(Map.of(" ", BigDecimal.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueIsStrippedOfTrailingZerosAsBigDecimalDoesIt() {
        long[] samples = {0, 1, -1, 10, -10, 100_000_000, 123_456_789_000L, -500, 7, 3_700_012_345_678L,
                Long.MAX_VALUE, Long.MIN_VALUE + 1, 1_000_000_000_000_000_000L, -9_000_000_000_000_000_000L};
        for (long unscaled : samples) {
            for (int scale : new int[] {8, 0, 2}) {
                BigDecimal expected = BigDecimal.valueOf(unscaled, scale).stripTrailingZeros();
                BigDecimal actual = IndicatorValues.stripped(unscaled, scale);
                assertThat(actual).as("%d at scale %d", unscaled, scale).isEqualTo(expected);
                assertThat(actual.scale()).isEqualTo(expected.scale());
            }
        }
    }
}
