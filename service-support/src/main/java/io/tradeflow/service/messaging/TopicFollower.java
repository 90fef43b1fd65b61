package io.tradeflow.service.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads a compacted topic (a table: the latest record per key) from its first offset, then follows it, on a thread
 * of its own, and tells when it has read up to where the topic ended when it started: from then on the reader
 * knows every key, e.g. every bot, and may start the work that depends on them.
 *
 * <p>No consumer group: every instance reads everything. After a failure it starts over from the first offset, after
 * a pause that doubles up to 30 s; a table's records can be applied again without harm.
 */
public final class TopicFollower implements AutoCloseable {
    private static final long MAX_PAUSE_MILLIS = 30_000;

    /** What the follower hears; called on its thread, one call at a time. */
    public interface Listener {
        /** The next record; a null value is a tombstone. Must not throw for bad content (dead-letter it instead). */
        void record(ConsumerRecord<String, byte[]> record);

        /** Once: the topic has been read up to where it ended at the start. */
        void caughtUp(long records, Duration took);

        /** Reading failed; it starts over from the first offset after {@code pause}. */
        void failed(RuntimeException error, Duration pause);
    }

    private final String topic;
    private final Map<String, Object> properties;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String failure;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private TopicFollower(Map<String, ?> kafka, String topic, String clientId, Listener listener) {
        this.topic = topic;
        this.properties = ClientSettings.of(kafka, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, clientId));
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name(clientId).unstarted(this::followForever);
    }

    /**
     * Starts following {@code topic} on a daemon thread named {@code clientId}, with the service's Kafka client
     * settings {@code kafka} (bootstrap servers, TLS, SASL: as its channels have them).
     */
    public static TopicFollower start(Map<String, ?> kafka, String topic, String clientId, Listener listener) {
        TopicFollower follower = new TopicFollower(kafka, topic, clientId, listener);
        follower.thread.start();
        return follower;
    }

    /** As {@link #start(Map, String, String, Listener)} on a plaintext cluster at {@code bootstrapServers}. */
    public static TopicFollower start(String bootstrapServers, String topic, String clientId, Listener listener) {
        return start(ClientSettings.plaintext(bootstrapServers), topic, clientId, listener);
    }

    /** The consumer's settings (for tests). */
    Map<String, Object> settings() {
        return properties;
    }

    /** True once the topic has been read up to where it ended at the start (and ever after). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** True while the thread runs, or after {@link #close()}. */
    public boolean alive() {
        return thread.isAlive() || !running;
    }

    /** Why the last attempt to read failed, or null while reading works. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void followForever() {
        long pause = 500;
        while (running) {
            try (var kafka = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                if (running) {
                    follow(kafka);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                failure = String.valueOf(e.getMessage());
                listener.failed(e, Duration.ofMillis(pause));
                sleep(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        long started = System.nanoTime();
        List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(topic + " has no partitions (does the topic exist?)");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
        failure = null;
        long read = 0;
        while (running) {
            // Before the poll too, so that an empty topic is caught up at once. Compaction may have removed the
            // last records before the end offset, so "reached" is position >= end, never "saw the last record".
            if (!caughtUp && partitions.stream().allMatch(p -> kafka.position(p) >= ends.get(p))) {
                caughtUp = true;
                listener.caughtUp(read, Duration.ofNanos(System.nanoTime() - started));
            }
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(caughtUp ? 1000 : 200))) {
                read++;
                listener.record(record);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
