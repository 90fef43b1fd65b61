package io.tradeflow.signal.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.signal.domain.SignalEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes indicator snapshots from {@code indicators.v1} in order and hands them to the engine; the record is
 * acknowledged (and later committed) only when this method returns, i.e. after the signals and states are durable.
 * Records are decoded here, not by the Kafka deserializer, so an unreadable one fails this method and the channel's
 * dead-letter strategy sends it, as it came, to {@code indicators.v1.dlq}; the next record is processed as usual.
 */
@ApplicationScoped
public class SnapshotConsumer {
    private final SignalEngine engine;

    public SnapshotConsumer(SignalEngine engine) {
        this.engine = engine;
    }

    @Incoming("indicators")
    @Blocking
    public void onSnapshot(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("indicators.v1 record without a value at offset " + record.offset());
        }
        engine.process(EventCodec.decode(record.value(), IndicatorsComputed.class));
    }
}
