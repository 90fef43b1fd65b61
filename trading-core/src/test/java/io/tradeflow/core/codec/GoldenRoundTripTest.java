package io.tradeflow.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenRoundTripTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    static Stream<Class<? extends Event>> types() {
        return GoldenEvents.TYPES.stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void encodingTheDecodedGoldenGivesTheSameJson(Class<? extends Event> type) throws Exception {
        Event event = EventCodec.decode(GoldenEvents.bytes(type), type);

        JsonNode encoded = PLAIN.readTree(EventCodec.encode(event));

        assertThat(encoded).isEqualTo(GoldenEvents.tree(type));
    }

    @ParameterizedTest
    @MethodSource("types")
    void encodingKeepsTheGoldenFieldOrder(Class<? extends Event> type) throws Exception {
        Event event = EventCodec.decode(GoldenEvents.bytes(type), type);

        String compactGolden = PLAIN.writeValueAsString(GoldenEvents.tree(type));

        assertThat(EventCodec.encodeToString(event)).isEqualTo(compactGolden);
    }

    @ParameterizedTest
    @MethodSource("types")
    void decodeAnyChoosesTheTypeByEventType(Class<? extends Event> type) {
        Event event = EventCodec.decodeAny(GoldenEvents.bytes(type));

        assertThat(event).isInstanceOf(type).isEqualTo(EventCodec.decode(GoldenEvents.bytes(type), type));
        assertThat(event.eventType()).isEqualTo(type.getSimpleName());
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.eventId()).isEqualTo(GoldenEvents.tree(type).get("eventId").asText());
        assertThat(EventCodec.decode(GoldenEvents.bytes(type), Event.class)).isEqualTo(event);
    }

    @Test
    void aStopThatClosesThePositionRoundTripsAndTheOldFormStillReads() throws Exception {
        byte[] golden = GoldenEvents.bytes("BotDefinition-closePosition");

        BotDefinition stop = EventCodec.decode(golden, BotDefinition.class);

        assertThat(stop.status()).isEqualTo(BotStatus.STOPPED);
        assertThat(stop.closePosition()).isTrue();
        assertThat(EventCodec.encodeToString(stop)).isEqualTo(PLAIN.writeValueAsString(PLAIN.readTree(golden)));
        // Records written before the field existed read as "do not close"; false is left out, as absent fields are.
        BotDefinition old = GoldenEvents.event(BotDefinition.class);
        assertThat(old.closePosition()).isFalse();
        assertThat(EventCodec.encodeToString(old)).doesNotContain("closePosition");
    }

    static Stream<Arguments> keysAndTopics() {
        return Stream.of(
                Arguments.of(KlineClosed.class, "BTCUSDT", Topics.KLINES),
                Arguments.of(IndicatorsComputed.class, "BTCUSDT", Topics.INDICATORS),
                Arguments.of(SignalGenerated.class, "BTCUSDT", Topics.SIGNALS),
                Arguments.of(OrderUpdated.class, "BTCUSDT", Topics.ORDERS),
                Arguments.of(PositionChanged.class, "BTCUSDT", Topics.POSITIONS),
                Arguments.of(BotDefinition.class, "btc-ema-cross", Topics.BOTS));
    }

    @ParameterizedTest
    @MethodSource("keysAndTopics")
    void eachEventKnowsItsKeyAndTopic(Class<? extends Event> type, String key, String topic) {
        Event event = GoldenEvents.event(type);

        assertThat(event.key()).isEqualTo(key);
        assertThat(Topics.of(event)).isEqualTo(topic);
    }
}
