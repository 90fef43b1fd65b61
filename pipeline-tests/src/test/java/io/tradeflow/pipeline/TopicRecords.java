package io.tradeflow.pipeline;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Event;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every record of one symbol and one event type on a topic, from the beginning, read as it arrives (no consumer
 * group, no commits). Records of the symbol of another type are left out: {@code signals.v1} carries
 * {@code SignalGenerated} and {@code SignalWatermark}, told apart by {@code eventType}.
 */
final class TopicRecords<T extends Event> implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String symbol;
    private final Class<T> type;
    private final List<T> all = new ArrayList<>();

    TopicRecords(String bootstrap, String topic, String symbol, Class<T> type) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.symbol = symbol;
        this.type = type;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived since the last call. */
    TopicRecords<T> poll() {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
            if (symbol.equals(record.key())) {
                Event event = EventCodec.decodeAny(record.value());
                if (type.isInstance(event)) {
                    all.add(type.cast(event));
                }
            }
        }
        return this;
    }

    /** Every record read so far, duplicates included, in topic order (one symbol lives on one partition). */
    List<T> all() {
        return List.copyOf(all);
    }

    /** The first record of each event id, in topic order. */
    List<T> distinct() {
        Map<String, T> byId = new LinkedHashMap<>();
        all.forEach(event -> byId.putIfAbsent(event.eventId(), event));
        return List.copyOf(byId.values());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
