package io.tradeflow.service.codec;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Event;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for any event. A null event is a tombstone and stays null. */
public class EventSerializer implements Serializer<Event> {

    @Override
    public byte[] serialize(String topic, Event event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
