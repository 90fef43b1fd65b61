package io.tradeflow.service.stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many of the records the stream thread's latest poll handed out no processor has taken yet, so that
 * {@link CaughtUp} can ask for one commit after the last of them rather than one per processing round.
 *
 * <p>Why: Kafka Streams processes a poll's records in rounds of up to N records per task and checks for a requested
 * commit after every round; N starts at 1, grows by one after a round without a commit and halves after one
 * ({@code StreamThread.runOnceWithoutProcessingThreads}, kafka-streams 4.1). A commit asked for on every fresh record
 * kept N at 1, so a burst of 8 klines over 3 partitions (5, 2 and 1 of them) became 5 transactions in a row.
 *
 * <p>Installed as the main consumer's interceptor ({@code kafka-streams.main.consumer.interceptor.classes}); Kafka
 * calls {@link #onConsume} at the end of {@code poll()} on the polling thread, which is the stream thread that then
 * processes the records, so the count is kept per thread. Without the interceptor nothing is counted and every record
 * counts as the last one (a commit per fresh record, as before). The count can be off in two rare ways, neither of
 * which loses or delays anything beyond the commit interval: too high when a task is closed after an error before
 * its records are processed (that poll then commits at the interval; the next poll counts afresh), and too low when
 * records left buffered by an earlier poll are processed after this one (some of its records then commit a round
 * early).
 */
public final class PollBatch implements ConsumerInterceptor<byte[], byte[]> {

    private static final Logger LOG = Logger.getLogger(PollBatch.class);
    private static final ThreadLocal<Counts> COUNTS = ThreadLocal.withInitial(Counts::new);
    private static final AtomicLong POLLS = new AtomicLong();

    /** What this thread's processors have not taken yet from its latest poll, and whether a fresh one was taken. */
    static final class Counts {
        int untaken;
        boolean freshTaken;
    }

    static Counts current() {
        return COUNTS.get();
    }

    /** Polls that handed out records, over every stream thread of this JVM: shows the interceptor is installed. */
    public static long polls() {
        return POLLS.get();
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        Counts counts = current();
        counts.untaken = records.count();
        // Each poll stands alone: what an earlier one left uncommitted goes at the commit interval.
        counts.freshTaken = false;
        if (!records.isEmpty()) {
            POLLS.incrementAndGet();
        }
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
        LOG.infof("Consumer %s: a caught-up poll commits once, after its last record (PollBatch)",
                configs.get(ConsumerConfig.CLIENT_ID_CONFIG));
    }
}
