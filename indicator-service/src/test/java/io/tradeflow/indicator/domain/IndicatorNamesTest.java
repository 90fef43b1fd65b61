package io.tradeflow.indicator.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndicatorNamesTest {

    @Test
    void namesAreCanonicalAndCommasInsideParenthesesBelongToTheIndicator() {
        assertThat(IndicatorNames.parse("k", " SMA( 21 ), macd(12,26,9),rsi(14),sma(21)"))
                .containsExactlyInAnyOrder("sma(21)", "macd(12,26,9)", "rsi(14)");
    }

    @Test
    void aBadEntryIsNamedWithTheKey() {
        assertThatThrownBy(() -> IndicatorNames.parse("tradeflow.indicator.defaults", "sma(21),smaa(5)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tradeflow.indicator.defaults: 'smaa(5)' is not an indicator");
        assertThatThrownBy(() -> IndicatorNames.parse("k", "sma(21),,rsi(14)"))
                .hasMessageContaining("empty entry");
    }
}
