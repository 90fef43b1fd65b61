package io.tradeflow.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeriodNamesTest {

    @Test
    void namesAreBuiltOnceInternedAndStillRightBeyondTheCache() {
        PeriodNames sma = new PeriodNames("sma");

        assertThat(sma.of(21)).isEqualTo("sma(21)").isSameAs(sma.of(21)).isSameAs("sma(21)");
        assertThat(sma.of(1000)).isEqualTo("sma(1000)").isSameAs(sma.of(1000));
        assertThat(sma.of(1001)).isEqualTo("sma(1001)");
        assertThat(sma.of(-1)).isEqualTo("sma(-1)");
    }
}
