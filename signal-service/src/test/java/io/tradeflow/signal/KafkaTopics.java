package io.tradeflow.signal;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.SignalGenerated;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Writes and reads the devstack's topics in tests; other test classes use the same topics, so readers filter. */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    public static void send(String bootstrap, List<? extends Event> events) {
        try (var producer = producer(bootstrap)) {
            for (Event event : events) {
                producer.send(new ProducerRecord<>(Topics.of(event), event.key(), EventCodec.encode(event)));
            }
            producer.flush();
        }
    }

    public static void sendRaw(String bootstrap, String topic, String key, byte[] value) {
        try (var producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record on the topic now, from its first offset to its end. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        // read_committed, as every reader of the service's topics: an aborted transaction's records never show.
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The bot's signals on signals.v1, in the order they were published (watermarks, the topic's other type, left out). */
    public static List<SignalGenerated> signalsOf(String bootstrap, String botId) {
        return readAll(bootstrap, Topics.SIGNALS).stream()
                .map(record -> EventCodec.decodeAny(record.value()))
                .filter(SignalGenerated.class::isInstance)
                .map(SignalGenerated.class::cast)
                .filter(signal -> signal.botId().equals(botId))
                .toList();
    }

    /** The records of signals.v1 keyed by {@code symbol}, in offset order within each partition. */
    public static List<ConsumerRecord<String, byte[]>> signalsTopicOf(String bootstrap, String symbol) {
        return readAll(bootstrap, Topics.SIGNALS).stream()
                .filter(record -> symbol.equals(record.key()))
                .sorted(Comparator.comparingInt((ConsumerRecord<String, byte[]> record) -> record.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .toList();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }
}
