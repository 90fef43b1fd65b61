package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.IndicatorsComputed;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Reads a topic whole as a read_committed consumer sees it, after a run (not timed). */
final class TopicRead {
    private TopicRead() {
    }

    /** How many records and key+value bytes a (state or changelog) topic holds. */
    record Size(long records, long bytes) {
    }

    /** What a snapshot topic holds, compared with the in-process run. */
    record Check(long records, long distinct, long missing, long unequal, long unexpected) {
        boolean ok(long expected) {
            return records == expected && distinct == expected && missing == 0 && unequal == 0 && unexpected == 0;
        }
    }

    static Size size(String bootstrap, String topic, int partitions) {
        long[] totals = new long[2];
        read(bootstrap, topic, partitions, record -> {
            totals[0]++;
            totals[1] += (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        });
        return new Size(totals[0], totals[1]);
    }

    /**
     * Every snapshot decoded with trading-core's codec and compared, {@code producedAt} aside, with the in-process
     * run's snapshot of the same event id; {@code expected} holds exactly the klines sent.
     */
    static Check check(String bootstrap, String topic, int partitions, Map<String, String> expected) {
        long[] counts = new long[3]; // records, unequal, unexpected
        Set<String> seen = new HashSet<>();
        read(bootstrap, topic, partitions, record -> {
            counts[0]++;
            IndicatorsComputed s = EventCodec.decode(record.value(), IndicatorsComputed.class);
            seen.add(s.eventId());
            String want = expected.get(s.eventId());
            if (want == null) {
                counts[2]++;
            } else if (!want.equals(EventCodec.encodeToString(withoutProducedAt(s)))) {
                counts[1]++;
            }
        });
        long missing = expected.keySet().stream().filter(id -> !seen.contains(id)).count();
        return new Check(counts[0], seen.size(), missing, counts[1], counts[2]);
    }

    /** The snapshot with {@code producedAt} 1, as the in-process run's are. */
    private static IndicatorsComputed withoutProducedAt(IndicatorsComputed s) {
        return new IndicatorsComputed(s.symbol(), s.interval(), s.openTime(), s.closeTime(), s.open(), s.high(),
                s.low(), s.close(), s.volume(), s.values(), s.stable(), s.eventTime(), 1);
    }

    private static void read(String bootstrap, String topic, int partitions, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "spike-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            while (all.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
