package io.tradeflow.indicator.stream;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.service.codec.IndicatorsComputedDeserializer;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Writes and reads the shared test topics; every test class filters by its own symbol. */
final class TestKafka {
    private TestKafka() {
    }

    static void send(String bootstrap, List<? extends Event> events) {
        try (var producer = producer(bootstrap)) {
            for (Event event : events) {
                producer.send(new ProducerRecord<>(Topics.of(event), event.key(), EventCodec.encode(event)));
            }
            producer.flush();
        }
    }

    /**
     * Sends the events with a timestamp an hour old, as records of a backlog: the stage does not commit after each
     * of them (it does so only for records written less than 100 ms ago), so they share one transaction.
     */
    static void sendAsBacklog(String bootstrap, List<? extends Event> events) {
        long anHourAgo = System.currentTimeMillis() - 3_600_000;
        try (var producer = producer(bootstrap)) {
            for (Event event : events) {
                producer.send(new ProducerRecord<>(Topics.of(event), null, anHourAgo, event.key(), EventCodec.encode(event)));
            }
            producer.flush();
        }
    }

    /** How many records keyed {@code key} indicators.v1 holds, aborted transactions' included (read_uncommitted). */
    static long snapshotRecordsIncludingAborted(String bootstrap, Symbol symbol) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INDICATORS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count += symbol.value().equals(record.key()) ? 1 : 0;
                }
            }
            return count;
        }
    }

    /** The partition of {@code topic} Kafka's default partitioner puts {@code key} on. */
    static int partitionOf(String bootstrap, String topic, String key) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            int partitions = consumer.partitionsFor(topic).size();
            return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        }
    }

    static void sendRaw(String bootstrap, String topic, String key, byte[] value) {
        try (var producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    /** The snapshots of {@code symbol} on indicators.v1, in order, read to the end once {@code expected} are there. */
    static List<IndicatorsComputed> snapshots(String bootstrap, Symbol symbol, int expected) {
        return readAll(bootstrap, Topics.INDICATORS, new IndicatorsComputedDeserializer(),
                record -> record.key().equals(symbol.value()), expected).stream().map(ConsumerRecord::value).toList();
    }

    static List<ConsumerRecord<String, byte[]>> deadLetters(String bootstrap, String key, int expected) {
        return readAll(bootstrap, Topics.dlq(Topics.KLINES), new ByteArrayDeserializer(), record -> key.equals(record.key()), expected);
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(String bootstrap, String topic, Deserializer<V> values,
                                                               Predicate<ConsumerRecord<String, V>> ours, int expected) {
        // read_committed, as every reader of the service's topics: an aborted transaction's records never show.
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, V>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keep(r, ours, found));
                return found.size() >= expected;
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keep(r, ours, found));
            }
            return found;
        }
    }

    private static <V> void keep(ConsumerRecord<String, V> record, Predicate<ConsumerRecord<String, V>> ours,
                                 List<ConsumerRecord<String, V>> found) {
        if (record.key() != null && ours.test(record)) {
            found.add(record);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }
}
