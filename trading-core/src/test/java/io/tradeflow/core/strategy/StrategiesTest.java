package io.tradeflow.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategiesTest {

    private static final Strategy SMA = Strategies.find("sma-crossover");

    private static AbstractThrowableAssert<?, ?> assertInvalid(Map<String, String> raw, String parameter) {
        return assertThatThrownBy(() -> Strategies.parse(SMA, raw))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter));
    }

    @Test
    void findsEveryStrategyByItsType() {
        assertThat(Strategies.all()).extracting(Strategy::type).containsExactly("sma-crossover", "rsi-reversion");
        assertThat(Strategies.find("rsi-reversion")).isInstanceOf(RsiReversion.class);
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> Strategies.find("x"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("unknown strategy 'x'; known: sma-crossover, rsi-reversion")
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("strategy.type"));
    }

    @Test
    void leftOutParametersGetTheirDefaults() {
        Parameters params = Strategies.parse(SMA, Map.of("fast", "9"));
        assertThat(params.integer("fast")).isEqualTo(9);
        assertThat(params.integer("slow")).isEqualTo(200);
        assertThat(params.integer("confirmationCandles")).isEqualTo(1);
        assertThat(params.integer("minSignalIntervalMinutes")).isEqualTo(15);
        assertThat(params.integer("pivotLookback")).isEqualTo(10);
        assertThat(params.decimal("slBufferPercent")).isEqualTo(new BigDecimal("0"));
        assertThat(params.decimal("riskReward")).isEqualTo(new BigDecimal("2"));
        assertThat(params.bool("allowShort")).isTrue();
        assertThat(SMA.indicators(params)).containsExactly("sma(9)", "sma(200)", "lowest(10)", "highest(10)");
        assertThat(Strategies.parse(SMA, null)).isEqualTo(Strategies.parse(SMA, Map.of()));
    }

    @Test
    void defaultsOfEveryStrategyAreValid() {
        for (Strategy strategy : Strategies.all()) {
            assertThat(Strategies.parse(strategy, Map.of()).values()).hasSize(strategy.parameters().size());
        }
    }

    @Test
    void unknownParameterIsNamedWithTheKnownOnes() {
        assertInvalid(Map.of("fats", "9"), "strategy.params.fats").hasMessage("unknown parameter 'fats' for strategy"
                + " sma-crossover; known: fast, slow, confirmationCandles, minSignalIntervalMinutes, pivotLookback,"
                + " slBufferPercent, riskReward, allowShort");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fast | 1 | parameter 'fast' must be from 2 to 1000, not '1'",
        "slow | 5000 | parameter 'slow' must be from 3 to 1000, not '5000'",
        "fast | abc | parameter 'fast' must be a whole number from 2 to 1000, not 'abc'",
        "fast | 9.5 | parameter 'fast' must be a whole number from 2 to 1000, not '9.5'",
        "fast | 99999999999 | parameter 'fast' must be a whole number from 2 to 1000, not '99999999999'",
        "riskReward | 0.05 | parameter 'riskReward' must be from 0.1 to 20, not '0.05'",
        "riskReward | 1e3 | parameter 'riskReward' must be a decimal number from 0.1 to 20, not '1e3'",
        "slBufferPercent | -1 | parameter 'slBufferPercent' must be from 0 to 50, not '-1'",
        "allowShort | yes | parameter 'allowShort' must be true or false, not 'yes'",
    })
    void badValueIsNamedWithTheAllowedRange(String name, String value, String message) {
        assertInvalid(Map.of(name, value), "strategy.params." + name).hasMessage(message);
    }

    @Test
    void fastMustBeBelowSlow() {
        assertInvalid(Map.of("fast", "50", "slow", "50"), "strategy.params.fast")
                .hasMessage("parameter 'fast' must be below 'slow' (50), not '50'");
        assertThat(Strategies.parse(SMA, Map.of("fast", "49", "slow", "50")).integer("fast")).isEqualTo(49);
    }

    @Test
    void decimalsKeepTheirDigits() {
        Parameters params = Strategies.parse(SMA, Map.of("riskReward", " 1.50 ", "slBufferPercent", ".25"));
        assertThat(params.decimal("riskReward")).isEqualTo(new BigDecimal("1.50"));
        assertThat(params.decimal("slBufferPercent")).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void rsiOversoldMustBeInItsRange() {
        assertThatThrownBy(() -> Strategies.parse(Strategies.find("rsi-reversion"), Map.of("oversold", "50")))
                .hasMessage("parameter 'oversold' must be from 1 to 49, not '50'");
    }
}
