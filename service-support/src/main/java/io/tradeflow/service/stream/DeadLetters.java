package io.tradeflow.service.stream;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;

/**
 * Sends a record a Kafka Streams processor cannot read to its dead-letter sink, unchanged (key, value, timestamp),
 * in the same transaction as the rest of the batch, so it is dead-lettered exactly once and the stream goes on.
 * Kafka Streams 4.1 has no dead-letter setting of its own. The headers say why and where from, under the names
 * SmallRye Reactive Messaging's dead-letter strategy uses, so one tool reads every {@code .dlq} topic.
 */
public final class DeadLetters {
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetters() {
    }

    /** Forwards {@code record} to the child processor or sink named {@code sink}, with why it failed. */
    public static <K, V> void forward(ProcessorContext<K, V> context, Record<K, V> record, Throwable error, String sink) {
        Record<K, V> dead = record.withHeaders(record.headers());
        Headers headers = dead.headers();
        add(headers, REASON, error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        if (error.getCause() != null) {
            add(headers, CAUSE, String.valueOf(error.getCause()));
        }
        context.recordMetadata().ifPresent(origin -> where(headers, origin));
        context.forward(dead, sink);
    }

    private static void where(Headers headers, RecordMetadata origin) {
        add(headers, TOPIC, origin.topic());
        add(headers, PARTITION, Integer.toString(origin.partition()));
        add(headers, OFFSET, Long.toString(origin.offset()));
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
