package io.tradeflow.execution.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Sends an unreadable record, unchanged, to {@code <its topic>.dlq} with headers saying where it came from and why
 * (the same headers SmallRye's dead-letter strategy writes), so one poison record never stops a stream. Returns
 * once Kafka has it, so the original may then be acknowledged.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Emitter<byte[]> emitter;

    public DeadLetters(@Channel("dead-letters") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void send(String topic, int partition, long offset, String key, byte[] value, String reason) {
        String dlq = Topics.dlq(topic);
        LOG.errorf("Unreadable record at %s-%d offset %d sent to %s: %s", topic, partition, offset, dlq, reason);
        var headers = new RecordHeaders();
        headers.add("dead-letter-reason", String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        Acknowledgements.sendAndWait(emitter, Message.of(value == null ? new byte[0] : value).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(dlq).withKey(key).withHeaders(headers).build()),
                "the dead letter of " + topic + "-" + partition + "@" + offset);
    }
}
