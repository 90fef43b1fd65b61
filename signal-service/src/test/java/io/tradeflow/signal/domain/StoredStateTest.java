package io.tradeflow.signal.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredStateTest {

    @Test
    void keepsTheStrategyStateDigitForDigit() {
        String state = "{\"strategy\":\"sma-crossover\",\"fast\":35565.40,\"slow\":35532.51904761904761904762,\"position\":\"LONG\"}";
        StoredState stored = new StoredState("bot-1-1700006000123", 1700006400000L, state);

        String json = stored.toJson();

        assertThat(json).contains("\"fast\":35565.40,").contains("35532.51904761904761904762");
        assertThat(StoredState.fromJson(json)).isEqualTo(stored);
    }

    @Test
    void refusesTextThatIsNotAStoredState() {
        assertThatThrownBy(() -> StoredState.fromJson("{\"version\":\"v\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredState.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredState("v", 1L, "[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
    }
}
