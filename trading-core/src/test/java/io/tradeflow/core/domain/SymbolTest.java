package io.tradeflow.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SymbolTest {

    @Test
    void ofNormalisesToUpperCase() {
        assertThat(Symbol.of("btcusdt")).isEqualTo(new Symbol("BTCUSDT"));
        assertThat(Symbol.of("btcusd_perp").value()).isEqualTo("BTCUSD_PERP");
        assertThat(Symbol.of("1000pepeusdt").toString()).isEqualTo("1000PEPEUSDT");
    }

    @Test
    void constructorIsStrictAboutCase() {
        assertThatThrownBy(() -> new Symbol("btcusdt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid symbol 'btcusdt' (expected 1 to 32 of A-Z, 0-9, _ such as BTCUSDT or BTCUSD_PERP)");
    }

    @Test
    void rejectsWhatNoSymbolLooksLike() {
        for (String bad : new String[] {"", "BTC-USDT", "BTC USDT", " BTCUSDT", "BTC/USDT", "A".repeat(33)}) {
            assertThatThrownBy(() -> Symbol.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Symbol.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol must not be null");
    }
}
