package io.tradeflow.service.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class KafkaSerdeTest {

    /** Built by their no-arg constructors, as Kafka and Quarkus do from a class name. */
    private static final Map<Class<? extends Event>, Supplier<Deserializer<? extends Event>>> DESERIALIZERS = Map.of(
            KlineClosed.class, KlineClosedDeserializer::new,
            IndicatorsComputed.class, IndicatorsComputedDeserializer::new,
            SignalGenerated.class, SignalGeneratedDeserializer::new,
            SignalWatermark.class, SignalWatermarkDeserializer::new,
            OrderUpdated.class, OrderUpdatedDeserializer::new,
            PositionChanged.class, PositionChangedDeserializer::new,
            BotDefinition.class, BotDefinitionDeserializer::new);

    private final EventSerializer serializer = new EventSerializer();

    @Test
    void everyEventSurvivesSerializerAndItsDeserializer() {
        for (Class<? extends Event> type : GoldenEvents.TYPES) {
            Event event = GoldenEvents.event(type);
            String topic = Topics.of(event);

            byte[] bytes = serializer.serialize(topic, event);

            assertThat(DESERIALIZERS.get(type).get().deserialize(topic, bytes)).as(type.getSimpleName())
                    .isEqualTo(event);
        }
    }

    @Test
    void serializerWritesTheCodecsJson() {
        KlineClosed kline = GoldenEvents.event(KlineClosed.class);

        assertThat(serializer.serialize(Topics.KLINES, kline)).isEqualTo(EventCodec.encode(kline));
    }

    @Test
    void tombstonesStayNull() {
        assertThat(serializer.serialize(Topics.BOTS, null)).isNull();
        assertThat(new BotDefinitionDeserializer().deserialize(Topics.BOTS, null)).isNull();
    }

    @Test
    void deserializerRejectsBadBytes() {
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new KlineClosedDeserializer().deserialize(Topics.KLINES, garbage))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("KlineClosed: not valid JSON");
    }

    @Test
    void deserializerRejectsAnotherEventType() {
        byte[] signal = GoldenEvents.bytes(SignalGenerated.class);

        assertThatThrownBy(() -> new OrderUpdatedDeserializer().deserialize(Topics.ORDERS, signal))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("OrderUpdated: field 'eventType' is 'SignalGenerated' (expected 'OrderUpdated')");
    }
}
