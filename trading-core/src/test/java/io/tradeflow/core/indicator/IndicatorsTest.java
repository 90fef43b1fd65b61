package io.tradeflow.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IndicatorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sma(21)        | sma(21)",
            "' SMA( 21 ) '  | sma(21)",
            "Ema(050)       | ema(50)",
            "rsi(14)        | rsi(14)",
            "ATR(14)        | atr(14)",
            "highest(20)    | highest(20)",
            "lowest(1000)   | lowest(1000)",
            "PivotHigh(10)  | pivothigh(10)",
            "pivotlow(1)    | pivotlow(1)",
            "MACD(12, 26, 9)| macd(12,26,9)",
            "bb(20,2)       | bb(20,2)",
            "bb(20,2.0)     | bb(20,2)",
            "bb(20, 2.50)   | bb(20,2.5)",
            "bb(20,10)      | bb(20,10)",
            "bb(20,0.1)     | bb(20,0.1)"})
    void canonicalFormIsLowerCaseWithoutSpacesOrRedundantZeros(String name, String canonical) {
        assertThat(Indicators.canonical(name)).isEqualTo(canonical);
        assertThat(Indicators.create(name).name()).isEqualTo(canonical);
        assertThat(Indicators.canonical(canonical)).isEqualTo(canonical);
    }

    @Test
    void multiOutputIndicatorsNameEachOutput() {
        assertThat(Indicators.outputNames("macd(12,26,9)"))
                .containsExactly("macd(12,26,9)", "macd(12,26,9).signal", "macd(12,26,9).hist");
        assertThat(Indicators.outputNames("bb(20,2.50)"))
                .containsExactly("bb(20,2.5).upper", "bb(20,2.5).middle", "bb(20,2.5).lower");
        assertThat(Indicators.outputNames("rsi(14)")).containsExactly("rsi(14)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sma          | not of the form",
            "sma()        | not a whole number",
            "sma(0)       | outside 1..1000",
            "sma(1001)    | outside 1..1000",
            "sma(99999999999) | outside 1..1000",
            "sma(-5)      | not a whole number",
            "sma(2.5)     | not a whole number",
            "sma(21,2)    | takes 1 argument",
            "wma(21)      | unknown indicator 'wma'",
            "macd(26,12,9)| fast 26 must be below slow 12",
            "macd(12,12,9)| fast 12 must be below slow 12",
            "macd(12,26)  | takes 3 argument",
            "bb(20)       | takes 2 argument",
            "bb(20,0)     | not above 0",
            "bb(20,10.5)  | at most 10",
            "bb(20,-1)    | not a decimal",
            "bb(20,1e2)   | not a decimal",
            "sma(21))     | not of the form",
            "''           | not of the form"})
    void badNamesAreRejectedNamingTheNameAndTheKnownForms(String name, String problem) {
        assertThatThrownBy(() -> Indicators.create(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining(problem)
                .hasMessageContaining("sma(n), ema(n), rsi(n)")
                .hasMessageContaining("macd(fast,slow,signal)")
                .hasMessageContaining("fast < slow");
        assertThatThrownBy(() -> Indicators.canonical(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sma(21)", "ema(50)", "rsi(14)", "atr(14)", "highest(20)", "lowest(20)", "pivothigh(10)",
            "pivotlow(10)", "macd(12,26,9)", "bb(20,2)"})
    void createGivesAFreshIndicatorEachTime(String name) {
        assertThat(Indicators.create(name)).isNotSameAs(Indicators.create(name));
        assertThat(Indicators.create(name).isStable()).isFalse();
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> Indicators.create(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
