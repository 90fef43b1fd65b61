package io.tradeflow.marketdata.exchange;

import io.tradeflow.service.codec.KlineClosedDeserializer;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import io.tradeflow.marketdata.domain.Subscription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads {@code market.klines.v1} from the start with a plain consumer: what a downstream service would see. */
final class PublishedKlineTopic {
    private PublishedKlineTopic() {
    }

    /** Every record of {@code pair} now on the topic, in topic order (one partition per symbol). */
    static List<KlineClosed> read(String bootstrapServers, Subscription pair) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new KlineClosedDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.KLINES, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<KlineClosed> own = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.KLINES + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (pair.symbol().value().equals(record.key()) && record.value().interval() == pair.interval()) {
                        own.add(record.value());
                    }
                });
            }
            return own;
        }
    }
}
