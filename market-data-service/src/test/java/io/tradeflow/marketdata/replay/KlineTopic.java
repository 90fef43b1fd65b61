package io.tradeflow.marketdata.replay;

import io.tradeflow.service.codec.KlineClosedDeserializer;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads {@code market.klines.v1} in tests, which other test classes of the module write to as well. */
public final class KlineTopic {
    private KlineTopic() {
    }

    /**
     * Every record on the topic that {@code ours} selects, read from the start to the end once at least
     * {@code expected} of them are there, so one too many is seen too.
     */
    public static List<ConsumerRecord<String, KlineClosed>> readAll(String bootstrap, Predicate<KlineClosed> ours, int expected) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new KlineClosedDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.KLINES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, KlineClosed>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                pollInto(consumer, ours, found);
                return found.size() >= expected;
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                pollInto(consumer, ours, found);
            }
            return found;
        }
    }

    private static void pollInto(KafkaConsumer<String, KlineClosed> consumer, Predicate<KlineClosed> ours,
                                 List<ConsumerRecord<String, KlineClosed>> found) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
            if (ours.test(record.value())) {
                found.add(record);
            }
        }
    }
}
