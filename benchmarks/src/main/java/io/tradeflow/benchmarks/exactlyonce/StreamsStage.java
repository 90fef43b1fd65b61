package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Side (a): the stage as a Kafka Streams application with {@code processing.guarantee=exactly_once_v2}. One
 * processor (Processor API) keeps each series' state in a persistent (RocksDB) key-value store with a changelog
 * topic and the store's record cache on, so the changelog gets one record per series per commit, not per kline; it
 * forwards one snapshot per kline, and a record that is not a kline to the dead-letter topic, in the same
 * transaction as everything else. A restart restores the store from the changelog (all of it when the local state
 * folder is gone, as on a new machine; only what is newer than the local checkpoint otherwise).
 *
 * <p>Streams commits on a clock ({@code commit.interval.ms}), so a snapshot becomes visible downstream at the next
 * commit. With {@code commitWhenCaughtUp} the processor also asks for a commit ({@code ProcessorContext.commit()},
 * done at the end of the poll loop's iteration) when a kline arrives fresh, i.e. when there is no backlog.
 */
final class StreamsStage implements Stage {
    static final String STORE = "series";
    private static final String COMPUTED = "computed";
    private static final String DEAD_LETTERS = "dead-letters";
    /** A kline that reaches the processor within this many ms of being written finds the stage caught up. */
    static final long CAUGHT_UP_MS = 100;

    private final Properties config = new Properties();
    private final Topology topology;
    private final boolean wipeLocalState;
    private final boolean commitWhenCaughtUp;
    private final CountDownLatch running = new CountDownLatch(1);
    private final AtomicLong duplicates = new AtomicLong();
    private final RestoreClock restoreClock = new RestoreClock();
    private volatile Throwable failure;
    private KafkaStreams streams;

    /**
     * @param name           the application id's suffix: the consumer group, and the changelog topic
     *                       {@code spike-NAME-series-changelog}
     * @param commitWhenCaughtUp also ask for a commit after every kline written less than {@link #CAUGHT_UP_MS} ago
     *                           (the stage has no backlog): its snapshot is then visible without waiting for the
     *                           commit interval, while a backlog still goes in commit.interval.ms transactions
     * @param wipeLocalState start without the local state folder's copy, as a new instance would
     * @param producerOverrides producer settings on top of Streams' own (the same as the loop's)
     */
    StreamsStage(String bootstrap, String name, SpikeTopics topics, Path stateDir, long commitIntervalMs,
                 boolean commitWhenCaughtUp, boolean wipeLocalState, Map<String, String> producerOverrides,
                 IndicatorWork work) {
        this.wipeLocalState = wipeLocalState;
        this.commitWhenCaughtUp = commitWhenCaughtUp;
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(name));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // Static membership: in Kafka Streams 4.1 a dynamic member does not leave the group on close (its consumer's
        // leave-on-close is off, and CloseOptions.leaveGroup only removes static members), so a restarted instance
        // would wait out the old member's session timeout (45 s) before it gets the partitions back.
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, applicationId(name) + "-instance-0");
        producerOverrides.forEach((key, value) -> config.put(StreamsConfig.producerPrefix(key), value));
        topology = topology(topics, work);
    }

    static String applicationId(String name) {
        return "spike-" + name;
    }

    static String changelog(String name) {
        return applicationId(name) + "-" + STORE + "-changelog";
    }

    private Topology topology(SpikeTopics topics, IndicatorWork work) {
        Topology t = new Topology();
        t.addSource("klines", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.input());
        t.addProcessor("indicators", () -> new IndicatorProcessor(work, duplicates, commitWhenCaughtUp), "klines");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled(), "indicators");
        t.addSink(COMPUTED, topics.output(), Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                "indicators");
        t.addSink(DEAD_LETTERS, topics.deadLetters(), Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                "indicators");
        return t;
    }

    @Override
    public void start() {
        streams = new KafkaStreams(topology, config);
        if (wipeLocalState) {
            streams.cleanUp();
        }
        streams.setGlobalStateRestoreListener(restoreClock);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(error -> {
            failure = error;
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    @Override
    public void awaitReady(Duration timeout) {
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Kafka Streams not RUNNING after " + timeout + " (state " + streams.state()
                        + (failure == null ? "" : ", failed: " + failure) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Restored restored() {
        return restoreClock.restored();
    }

    @Override
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    /** commit-total from the stream thread's metrics; the times from its producer's. */
    @Override
    public Commits commits() {
        double count = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            if (metric.getKey().group().equals("stream-thread-metrics") && metric.getKey().name().equals("commit-total")
                    && metric.getValue().metricValue() instanceof Double d) {
                count += d;
            }
        }
        return Commits.of((long) count, streams.metrics());
    }

    @Override
    public void close() {
        if (streams != null) {
            // Leaving the group (removing the static member) lets the next instance take the partitions at once.
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(60)));
        }
    }

    /**
     * Per kline: the series from this task's objects (read from the store only on the first kline after the task
     * started), the kline folded in, the state put back (the store serializes it; its cache sends one changelog
     * record per series per commit), the snapshot forwarded.
     */
    private static final class IndicatorProcessor implements Processor<String, byte[], String, byte[]> {
        private final IndicatorWork work;
        private final AtomicLong duplicates;
        private final boolean commitWhenCaughtUp;
        /**
         * The live objects of the store's series. Dropped in init and close: when Streams closes a task (a
         * rebalance, or an aborted transaction under exactly-once), the store may be rolled back and restored, and
         * the objects must be read from it again.
         */
        private final Map<String, IndicatorSeries> live = new HashMap<>();
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        IndicatorProcessor(IndicatorWork work, AtomicLong duplicates, boolean commitWhenCaughtUp) {
            this.work = work;
            this.duplicates = duplicates;
            this.commitWhenCaughtUp = commitWhenCaughtUp;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            live.clear();
        }

        @Override
        public void process(Record<String, byte[]> record) {
            KlineClosed kline;
            try {
                kline = IndicatorWork.decode(record.value());
            } catch (RuntimeException poison) {
                context.forward(record, DEAD_LETTERS);
                return;
            }
            String key = IndicatorWork.seriesKey(kline);
            IndicatorSeries series = live.get(key);
            if (series == null) {
                byte[] stored = store.get(key);
                series = stored == null ? work.newSeries(kline) : SeriesStates.decode(stored);
                live.put(key, series);
            }
            byte[] computed = IndicatorWork.computed(series, kline);
            if (computed == null) {
                duplicates.incrementAndGet();
                return;
            }
            store.put(key, SeriesStates.encode(series));
            context.forward(record.withValue(computed), COMPUTED);
            if (commitWhenCaughtUp && System.currentTimeMillis() - record.timestamp() < CAUGHT_UP_MS) {
                context.commit(); // done after this poll loop iteration, not per kline
            }
        }

        @Override
        public void close() {
            live.clear();
        }
    }

    /** Streams' restore callbacks: records restored over all store partitions, first start to last end. */
    private static final class RestoreClock implements StateRestoreListener {
        private final AtomicLong records = new AtomicLong();
        private volatile long firstStart;
        private volatile long lastEnd;

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
            if (firstStart == 0) {
                firstStart = System.nanoTime();
            }
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long restored) {
            records.addAndGet(restored);
            lastEnd = System.nanoTime();
        }

        Restored restored() {
            double seconds = firstStart == 0 || lastEnd == 0 ? 0 : (lastEnd - firstStart) / 1e9;
            return new Restored(records.get(), seconds);
        }
    }
}
