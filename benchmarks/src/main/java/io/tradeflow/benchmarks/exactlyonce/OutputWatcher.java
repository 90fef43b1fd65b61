package io.tradeflow.benchmarks.exactlyonce;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Counts the records of a topic as a downstream read_committed consumer sees them (committed transactions only),
 * on its own thread, and notes when the count reached a target: the moment the last snapshot became visible
 * downstream. It does not decode anything, so it costs the 2 cores little.
 */
final class OutputWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long count;
    private volatile long target = Long.MAX_VALUE;
    private volatile long reachedAt;
    /** While set, when each record became visible, by event id. */
    private volatile Map<String, Long> visibleAt;

    OutputWatcher(String bootstrap, String topic, int partitions) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "spike-watcher",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // An idle fetch returns after at most 10 ms: the moment a snapshot is seen is at most that late.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        thread = Thread.ofPlatform().name("spike-watcher").start(this::run);
    }

    private void run() {
        while (!closed) {
            var records = consumer.poll(Duration.ofMillis(50));
            int polled = records.count();
            Map<String, Long> tracking = visibleAt;
            if (tracking != null && polled > 0) {
                long now = System.nanoTime();
                records.forEach(r -> tracking.put(SpikeInput.eventIdOf(r.value()), now));
            }
            if (polled > 0) {
                count += polled;
                if (reachedAt == 0 && count >= target) {
                    reachedAt = System.nanoTime();
                }
            }
        }
        consumer.close();
    }

    /** Sets the count to wait for; call before the records that make it up are sent. */
    void expect(long total) {
        reachedAt = 0;
        target = total;
    }

    /**
     * Waits for the count set by {@link #expect} and returns the {@link System#nanoTime()} of the poll that reached it.
     *
     * @throws IllegalStateException after {@code timeout}, or when the stage fails, saying how far it got
     */
    long await(Duration timeout, Stage stage) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reachedAt == 0) {
            if (stage.failure() != null) {
                throw new IllegalStateException(count + " of " + target + " snapshots visible when the stage failed: "
                        + stage.failure(), stage.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(count + " of " + target + " snapshots visible after " + timeout);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return reachedAt;
    }

    long count() {
        return count;
    }

    /** From now on, notes when each record becomes visible (by event id) in a map that it returns. */
    Map<String, Long> track() {
        Map<String, Long> tracking = new ConcurrentHashMap<>();
        visibleAt = tracking;
        return tracking;
    }

    void untrack() {
        visibleAt = null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
