package io.tradeflow.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class KlineTest {

    @Test
    void idNamesSymbolIntervalAndOpenTime() {
        assertThat(kline("35559.10", "35567", "35544.60", "35565.40").id()).isEqualTo("BTCUSDT-1m-1700006400000");
    }

    @Test
    void highMustNotBeBelowLow() {
        assertThatThrownBy(() -> kline("35559.10", "35500", "35544.60", "35544.60"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high 35500 is below low 35544.60");
    }

    @Test
    void openAndCloseMustLieWithinTheRange() {
        assertThatThrownBy(() -> kline("35559.10", "35567", "35544.60", "35600"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("close 35600 is outside low 35544.60 .. high 35567");
    }

    @Test
    void pricesAreRequired() {
        assertThatThrownBy(() -> new Kline(Symbol.of("BTCUSDT"), Interval.ONE_MINUTE, 1L, 2L, null,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("open");
    }

    private static Kline kline(String open, String high, String low, String close) {
        return new Kline(Symbol.of("BTCUSDT"), Interval.ONE_MINUTE, 1_700_006_400_000L, 1_700_006_459_999L,
                new BigDecimal(open), new BigDecimal(high), new BigDecimal(low), new BigDecimal(close),
                new BigDecimal("196.425"), new BigDecimal("6983542.53060"), 1925);
    }
}
