package io.tradeflow.service.stream;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * How many of the records the stream thread's latest poll handed out no processor has taken yet, so that
 * {@link CaughtUp} can ask for one commit after the last of them rather than one per record.
 *
 * <p>Why: Kafka Streams processes a poll's records in rounds of one record per task and checks for a requested
 * commit after every round, so a commit asked for on every fresh record makes one transaction per round: a burst of
 * 8 klines over 3 partitions (5, 2 and 1 records) became 5 transactions, one after the other, each a few ms.
 *
 * <p>Installed as the main consumer's interceptor ({@code kafka-streams.main.consumer.interceptor.classes}); Kafka
 * calls {@link #onConsume} on the thread that polls, which is the stream thread that then processes the records, so
 * the count is kept per thread. Without the interceptor nothing is counted and every record counts as the last one.
 * A record that never reaches a processor (its task revoked in a rebalance) keeps the count above zero until the
 * next poll sets it again: that poll's records then commit at the commit interval, never later.
 */
public final class PollBatch implements ConsumerInterceptor<byte[], byte[]> {

    private static final ThreadLocal<Counts> COUNTS = ThreadLocal.withInitial(Counts::new);

    /** What this thread's processors have not taken yet from its latest poll, and whether a fresh one was taken. */
    static final class Counts {
        int untaken;
        boolean freshTaken;
    }

    static Counts current() {
        return COUNTS.get();
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        current().untaken = records.count();
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // Kafka Streams commits its offsets in the producer's transaction; nothing to do here.
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // No settings.
    }
}
