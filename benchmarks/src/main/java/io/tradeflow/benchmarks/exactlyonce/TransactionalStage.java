package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Side (b): the stage as a plain consume-transform-produce loop on the producer's transaction API, which is what
 * SmallRye's {@code KafkaTransactions} with batch consumption does underneath. Per poll batch one transaction: every
 * kline's snapshot (and a record that is not a kline to the dead-letter topic), then each series the batch touched
 * once to the compacted state topic (on the kline's partition number, so state and klines are co-partitioned), then
 * the batch's offsets ({@code sendOffsetsToTransaction} with the group's metadata), then the commit.
 *
 * <p>On assignment the state of the new partitions is read from the state topic (read_committed, from the start to
 * the end); on revocation their series are dropped. Polls happen only between transactions, so the rebalance
 * callbacks never see one open. A failed transaction stops the spike's loop: a service would abort it, drop every
 * series, seek back to the committed offsets and read the state again.
 */
final class TransactionalStage implements Stage {
    private final String name;
    private final SpikeTopics topics;
    private final int partitions;
    private final IndicatorWork work;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Map<String, Object> restoreConfig;
    /** The series of each assigned partition; touched only on the loop thread (the rebalance callbacks run in poll). */
    private final Map<Integer, Map<String, IndicatorSeries>> byPartition = new HashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long transactions;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile Restored restored = new Restored(0, 0);
    private long restoredRecords;
    private long restoreNanos;
    private Thread loop;

    TransactionalStage(String bootstrap, String name, SpikeTopics topics, int partitions, int maxPollRecords,
                       Map<String, String> producerOverrides, IndicatorWork work) {
        this.name = name;
        this.topics = topics;
        this.partitions = partitions;
        this.work = work;
        String id = "spike-" + name;
        consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, id,
                ConsumerConfig.CLIENT_ID_CONFIG, id + "-consumer",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // One transactional id per instance: a restarted instance with the same id fences the old one and aborts its
        // open transaction; zombies of a rebalance are fenced by the group generation (sendOffsetsToTransaction).
        producerConfig = new HashMap<>(producerOverrides);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, id + "-producer");
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id + "-0");
        restoreConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, id + "-restore",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    }

    @Override
    public void start() {
        loop = Thread.ofPlatform().name("spike-" + name + "-loop").start(this::run);
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> klines = consumer(consumerConfig);
             KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> restorer = consumer(restoreConfig)) {
            this.producer = producer;
            producer.initTransactions();
            klines.subscribe(List.of(topics.input()), new Rebalance(klines, restorer));
            while (!stopping) {
                ConsumerRecords<String, byte[]> batch = klines.poll(Duration.ofMillis(100));
                if (!batch.isEmpty()) {
                    process(batch, klines, producer);
                }
            }
        } catch (Throwable e) {
            failure = e;
            ready.countDown();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void process(ConsumerRecords<String, byte[]> batch, KafkaConsumer<String, byte[]> klines,
                         KafkaProducer<String, byte[]> producer) {
        producer.beginTransaction();
        Map<Integer, Set<String>> touched = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            KlineClosed kline;
            try {
                kline = IndicatorWork.decode(record.value());
            } catch (RuntimeException poison) {
                producer.send(new ProducerRecord<>(topics.deadLetters(), record.partition(), record.key(), record.value()));
                continue;
            }
            String key = IndicatorWork.seriesKey(kline);
            IndicatorSeries series = byPartition.get(record.partition()).computeIfAbsent(key, k -> work.newSeries(kline));
            byte[] computed = IndicatorWork.computed(series, kline);
            if (computed == null) {
                duplicates.incrementAndGet();
                continue;
            }
            producer.send(new ProducerRecord<>(topics.output(), record.key(), computed));
            touched.computeIfAbsent(record.partition(), p -> new HashSet<>()).add(key);
        }
        touched.forEach((partition, keys) -> {
            Map<String, IndicatorSeries> series = byPartition.get(partition);
            for (String key : keys) {
                producer.send(new ProducerRecord<>(topics.state(), partition, key, SeriesStates.encode(series.get(key))));
            }
        });
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            next.put(partition, new OffsetAndMetadata(records.getLast().offset() + 1));
        }
        producer.sendOffsetsToTransaction(next, klines.groupMetadata());
        producer.commitTransaction();
        transactions++;
    }

    /** Reads the state of newly assigned partitions before the first poll that returns their klines. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> klines;
        private final KafkaConsumer<String, byte[]> restorer;

        Rebalance(KafkaConsumer<String, byte[]> klines, KafkaConsumer<String, byte[]> restorer) {
            this.klines = klines;
            this.restorer = restorer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            revoked.forEach(p -> byPartition.remove(p.partition()));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            onPartitionsRevoked(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            long started = System.nanoTime();
            List<TopicPartition> state = assigned.stream()
                    .map(p -> new TopicPartition(topics.state(), p.partition())).toList();
            restorer.assign(state);
            restorer.seekToBeginning(state);
            Map<TopicPartition, Long> end = restorer.endOffsets(state);
            Map<Integer, Map<String, byte[]>> latest = new HashMap<>();
            state.forEach(p -> latest.put(p.partition(), new HashMap<>()));
            while (state.stream().anyMatch(p -> restorer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : restorer.poll(Duration.ofMillis(100))) {
                    restoredRecords++;
                    if (record.value() == null) {
                        latest.get(record.partition()).remove(record.key());
                    } else {
                        latest.get(record.partition()).put(record.key(), record.value());
                    }
                }
            }
            restorer.unsubscribe();
            // Only the newest state of each series is decoded into objects.
            latest.forEach((partition, states) -> {
                Map<String, IndicatorSeries> series = new HashMap<>();
                states.forEach((key, bytes) -> series.put(key, SeriesStates.decode(bytes)));
                byPartition.put(partition, series);
            });
            restoreNanos += System.nanoTime() - started;
            restored = new Restored(restoredRecords, restoreNanos / 1e9);
            if (klines.assignment().size() == partitions) {
                ready.countDown();
            }
        }
    }

    @Override
    public void awaitReady(Duration timeout) {
        try {
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the transactional loop does not own all " + partitions
                        + " partitions after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure != null) {
            throw new IllegalStateException("the transactional loop failed: " + failure, failure);
        }
    }

    @Override
    public Restored restored() {
        return restored;
    }

    @Override
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public Commits commits() {
        return Commits.of(transactions, producer.metrics());
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        stopping = true;
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
