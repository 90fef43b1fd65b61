package io.tradeflow.service.codec;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.Event;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for one event type. A null payload is a tombstone (compacted topics) and becomes null; bad
 * bytes throw {@link EventDecodingException}, which the consumer's failure strategy sends to the dead-letter topic.
 *
 * <p>Quarkus names deserializers by class, so each event type has a subclass with a no-arg constructor.
 */
public class EventDeserializer<T extends Event> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.decode(data, type);
    }
}
