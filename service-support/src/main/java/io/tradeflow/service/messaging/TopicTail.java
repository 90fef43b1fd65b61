package io.tradeflow.service.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Reads the newest records of every partition of a topic once, up to where it ended when reading began: how a
 * producer learns, at start, what it already published (the newest kline per pair, the newest signal per bot), so
 * that a restart neither repeats nor skips anything.
 */
public final class TopicTail {
    private TopicTail() {
    }

    /**
     * Hands each of the last {@code recordsPerPartition} records of each partition of {@code topic} to {@code each},
     * in order within a partition; tombstones (null values) are left out.
     *
     * @param kafka the service's Kafka client settings (bootstrap servers, TLS, SASL: as its channels have them)
     * @return how many records were handed over
     * @throws IllegalStateException when Kafka does not answer within {@code timeout} or the topic does not exist,
     *                               with a message naming the address and what to do
     */
    public static long read(Map<String, ?> kafka, String topic, long recordsPerPartition, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> each) {
        return read(kafka, topic, timeout, each, (consumer, partitions) -> {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> starts = new HashMap<>();
            partitions.forEach(p -> starts.put(p, Math.max(begins.get(p), ends.get(p) - recordsPerPartition)));
            return starts;
        });
    }

    /**
     * Hands each record of each partition of {@code topic} written (Kafka timestamp) at or after {@code sinceMillis}
     * to {@code each}, up to where the partitions ended when reading began; tombstones are left out.
     *
     * @return how many records were handed over
     * @throws IllegalStateException as {@link #read(Map, String, long, Duration, Consumer)}
     */
    public static long readSince(Map<String, ?> kafka, String topic, long sinceMillis, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> each) {
        return read(kafka, topic, timeout, each, (consumer, partitions) -> {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, sinceMillis));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = new HashMap<>();
            // No record that late: nothing to read in that partition (start at its end).
            partitions.forEach(p -> starts.put(p, found.get(p) == null ? ends.get(p) : found.get(p).offset()));
            return starts;
        });
    }

    /** As {@link #read(Map, String, long, Duration, Consumer)} on a plaintext cluster at {@code bootstrapServers}. */
    public static long read(String bootstrapServers, String topic, long recordsPerPartition, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> each) {
        return read(ClientSettings.plaintext(bootstrapServers), topic, recordsPerPartition, timeout, each);
    }

    private static long read(Map<String, ?> kafka, String topic, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> each,
            BiFunction<KafkaConsumer<String, byte[]>, List<TopicPartition>, Map<TopicPartition, Long>> startOffsets) {
        Map<String, Object> properties = ClientSettings.of(kafka, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        long read = 0;
        try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer, ClientSettings.servers(kafka), topic, timeout);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            startOffsets.apply(consumer, partitions).forEach(consumer::seek);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        read++;
                        each.accept(record);
                    }
                }
            }
        }
        return read;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> consumer, String bootstrapServers,
            String topic, Duration timeout) {
        try {
            var partitions = consumer.partitionsFor(topic, timeout);
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist on Kafka at " + bootstrapServers
                        + "; create it (bin/devstack creates every topic) before starting the service");
            }
            return partitions.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds()
                    + " s; start it (bin/devstack) or point kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) at it", e);
        }
    }
}
