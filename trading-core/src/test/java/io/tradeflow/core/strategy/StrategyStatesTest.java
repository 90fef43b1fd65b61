package io.tradeflow.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyStatesTest {

    private static final SmaCrossoverState SMA_MID_CROSS = new SmaCrossoverState(new BigDecimal("35559.10"),
            new BigDecimal("35550.125000"), new SmaCrossoverState.Cross(Direction.LONG, 1), NotionalPosition.SHORT,
            1_700_006_459_999L);

    @Test
    void everyKindOfStateSurvivesTheRoundTripExactly() {
        List<StrategyState> states = List.of(SmaCrossoverState.INITIAL, SMA_MID_CROSS, RsiReversionState.INITIAL,
                new RsiReversionState(new BigDecimal("29.9900"), NotionalPosition.LONG, 1_700_006_459_999L));
        for (StrategyState state : states) {
            assertThat(StrategyStates.decode(StrategyStates.encode(state))).isEqualTo(state);
        }
    }

    @Test
    void theStoredFormIsStable() throws IOException {
        // A change here breaks the states signal-service has in Redis: make it readable or say so in the release.
        try (InputStream in = getClass().getResourceAsStream("/strategy/sma-crossover-state.json")) {
            String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(StrategyStates.encode(SMA_MID_CROSS)).isEqualTo(golden);
            assertThat(StrategyStates.decode(golden)).isEqualTo(SMA_MID_CROSS);
        }
    }

    @Test
    void theDiscriminatorIsTheStrategyType() {
        assertThat(StrategyStates.encode(RsiReversionState.INITIAL))
                .isEqualTo("{\"strategy\":\"rsi-reversion\",\"position\":\"FLAT\",\"lastSignalCloseTime\":0}");
    }

    @Test
    void unreadableStatesAreRejected() {
        for (String json : List.of("", "{", "[]", "{\"strategy\":\"nope\"}", "{\"position\":\"FLAT\"}",
                "{\"strategy\":\"rsi-reversion\",\"lastSignalCloseTime\":0}",
                "{\"strategy\":\"rsi-reversion\",\"position\":\"SIDEWAYS\",\"lastSignalCloseTime\":0}")) {
            assertThatThrownBy(() -> StrategyStates.decode(json)).as(json)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a readable strategy state");
        }
    }
}
