package io.tradeflow.indicator.domain;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorRequirementsTest {
    private static final SeriesKey BTC_1M = new SeriesKey(Symbol.of("BTCUSDT"), Interval.ONE_MINUTE);
    private static final SeriesKey BTC_5M = new SeriesKey(Symbol.of("BTCUSDT"), Interval.FIVE_MINUTES);

    @Test
    void aBotAddsItsIndicatorsToItsOwnSeriesOnlyUntilItIsGone() {
        var requirements = new IndicatorRequirements(Set.of("sma(21)"));
        requirements.botRunning("a", BTC_1M, Set.of("sma(50)"));
        requirements.botRunning("b", BTC_1M, Set.of("ema(9)"));

        assertThat(requirements.of(BTC_1M)).containsExactly("ema(9)", "sma(21)", "sma(50)");
        assertThat(requirements.of(BTC_5M)).containsExactly("sma(21)");

        requirements.botRunning("a", BTC_5M, Set.of("sma(50)"));
        requirements.botGone("b");
        assertThat(requirements.of(BTC_1M)).containsExactly("sma(21)");
        assertThat(requirements.of(BTC_5M)).containsExactly("sma(21)", "sma(50)");
    }

    @Test
    void theVersionMovesOnlyWhenWhatSomeSeriesNeedsChanges() {
        var requirements = new IndicatorRequirements(Set.of("sma(21)"));
        long start = requirements.version();

        requirements.botRunning("a", BTC_1M, Set.of("sma(50)"));
        long afterA = requirements.version();
        requirements.botRunning("a", BTC_1M, Set.of("sma(50)"));
        requirements.botGone("never-there");

        assertThat(afterA).isGreaterThan(start);
        assertThat(requirements.version()).as("the same definition again, an unknown bot gone").isEqualTo(afterA);
        requirements.clearBots();
        assertThat(requirements.version()).isGreaterThan(afterA);
        assertThat(requirements.of(BTC_1M)).containsExactly("sma(21)");
    }
}
