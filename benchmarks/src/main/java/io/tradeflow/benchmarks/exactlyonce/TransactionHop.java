package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.benchmarks.Options;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What one transactional hop costs on a broker with nothing in it (issue 14's latency goal, run by
 * {@code scripts/transaction-hop.sh}, results in docs/benchmarks.md): a stage's transaction with no processing at all,
 * at a live pace and back to back.
 *
 * <p>Two measurements, each {@code --rounds} times with {@code --pause-ms} between rounds:
 * <ul>
 *   <li><b>round trip</b>: one record sent by an idempotent producer ({@code acks=all}, {@code linger.ms} 0) and
 *   waited for: one request to the broker and its answer;</li>
 *   <li><b>transactional hop</b>: what a stage does for a burst, as Kafka Streams does it: begin, {@code --burst}
 *   records to 3 partitions of an output topic and as many to a state topic, flush, send the consumed offsets to the
 *   transaction, commit ({@code flush()} sends at once, so the producer's {@code linger.ms} hardly matters). Per
 *   phase (flush, offsets, commit) the time the producer's calls took, and per record the
 *   time from being handed to the producer to being received by a {@code read_committed} consumer.</li>
 * </ul>
 * The first tenth of the rounds is left out (connections, metadata, the JIT). Times are ms, nearest-rank
 * p50 / p90 / p99.
 *
 * <pre>
 * --bootstrap HOST:PORT   required
 * --rounds N              300
 * --pause-ms LIST         160,0: one measurement per value (160 ms is a burst of 8 symbols' klines at 50 klines/s)
 * --burst N               8 records per transaction
 * --linger-ms MS          5: the transactional producer's linger.ms (the stages' value before issue 14's fourth pass)
 * --compression TYPE      none
 * </pre>
 */
public final class TransactionHop {
    private static final String USAGE = "TransactionHop --bootstrap HOST:PORT [--rounds N] [--pause-ms 160,0] "
            + "[--burst 8] [--linger-ms 5] [--compression none]";
    private static final String PAYLOAD = "x".repeat(600);

    private final String bootstrap;
    private final int rounds;
    private final int burst;
    private final String linger;
    private final String compression;

    private TransactionHop(Options options) {
        bootstrap = options.required("bootstrap");
        rounds = Integer.parseInt(options.orDefault("rounds", "300"));
        burst = Integer.parseInt(options.orDefault("burst", "8"));
        linger = options.orDefault("linger-ms", "5");
        compression = options.orDefault("compression", "none");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse("transaction-hop", USAGE, args);
        TransactionHop hop = new TransactionHop(options);
        System.out.printf("burst %d, transactional producer linger.ms %s, compression %s, %d rounds (first %d left out)%n",
                hop.burst, hop.linger, hop.compression, hop.rounds, hop.rounds / 10);
        for (String pause : options.orDefault("pause-ms", "160,0").split(",")) {
            long pauseMs = Long.parseLong(pause.trim());
            hop.roundTrip(pauseMs);
            hop.transactions(pauseMs);
        }
    }

    private void roundTrip(long pauseMs) throws Exception {
        Properties props = clientProps();
        props.put("acks", "all");
        props.put("linger.ms", "0");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        String topic = createTopics("hop-plain")[0];
        long[] took = new long[rounds];
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", PAYLOAD)).get();
                took[i] = System.nanoTime() - start;
                Thread.sleep(pauseMs);
            }
        }
        System.out.printf("pause %4d ms  round trip (send, acks=all)          %s%n", pauseMs, percentiles(tail(took)));
    }

    private void transactions(long pauseMs) throws Exception {
        String[] topics = createTopics("hop-out", "hop-state");
        String out = topics[0];
        String state = topics[1];
        ConcurrentLinkedQueue<Long> visible = new ConcurrentLinkedQueue<>();
        CountDownLatch readerReady = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().name("hop-reader")
                .start(() -> readCommitted(out, visible, readerReady));
        long[] flush = new long[rounds];
        long[] offsets = new long[rounds];
        long[] commit = new long[rounds];
        try {
            if (!readerReady.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the read_committed reader did not get its partitions in 30 s");
            }
            Properties props = clientProps();
            props.put("transactional.id", out);
            props.put("linger.ms", linger);
            props.put("compression.type", compression);
            props.put("retry.backoff.ms", "10"); // as the stages have it
            props.put("key.serializer", StringSerializer.class.getName());
            props.put("value.serializer", LongSerializer.class.getName());
            ConsumerGroupMetadata group = new ConsumerGroupMetadata(out + "-stage");
            try (KafkaProducer<String, Long> producer = new KafkaProducer<>(props)) {
                producer.initTransactions();
                for (int i = 0; i < rounds; i++) {
                    producer.beginTransaction();
                    for (int k = 0; k < burst; k++) {
                        long sentMicros = System.nanoTime() / 1_000;
                        producer.send(new ProducerRecord<>(out, k % 3, "s" + k, sentMicros));
                        producer.send(new ProducerRecord<>(state, k % 3, "s" + k, sentMicros));
                    }
                    long t0 = System.nanoTime();
                    producer.flush();
                    long t1 = System.nanoTime();
                    producer.sendOffsetsToTransaction(
                            Map.of(new TopicPartition(out, 0), new OffsetAndMetadata(i)), group);
                    long t2 = System.nanoTime();
                    producer.commitTransaction();
                    long t3 = System.nanoTime();
                    flush[i] = t1 - t0;
                    offsets[i] = t2 - t1;
                    commit[i] = t3 - t2;
                    Thread.sleep(pauseMs);
                }
            }
            Thread.sleep(1_000); // the last transaction's records reach the reader
        } finally {
            reader.interrupt();
            reader.join();
        }
        long[] seen = visible.stream().mapToLong(Long::longValue).skip((long) rounds / 10 * burst).toArray();
        if (seen.length != (long) (rounds - rounds / 10) * burst) {
            throw new IllegalStateException("the read_committed reader received " + visible.size() + " of "
                    + (long) rounds * burst + " records");
        }
        System.out.printf("pause %4d ms  transaction: flush                    %s%n", pauseMs, percentiles(tail(flush)));
        System.out.printf("pause %4d ms  transaction: offsets to the transaction %s%n", pauseMs, percentiles(tail(offsets)));
        System.out.printf("pause %4d ms  transaction: commit                   %s%n", pauseMs, percentiles(tail(commit)));
        System.out.printf("pause %4d ms  record sent -> read_committed reader has it %s (%d records)%n",
                pauseMs, percentiles(seen), seen.length);
    }

    /**
     * Receives {@code topic} read_committed from its start, adding each record's age in ns (it carries its send time in
     * µs). Its partitions are assigned, not subscribed: no group to join, so {@code ready} opens as soon as the
     * reader's positions are set.
     */
    private void readCommitted(String topic, ConcurrentLinkedQueue<Long> ages, CountDownLatch ready) {
        Properties props = clientProps();
        props.put("isolation.level", "read_committed");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", LongDeserializer.class.getName());
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position); // resolves the seeks now, before the first record is sent
            ready.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                    ages.add(System.nanoTime() - record.value() * 1_000);
                }
            }
        } catch (InterruptException stopped) {
            // interrupted while polling: the measurement is over
        }
    }

    private String[] createTopics(String... prefixes) throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        List<NewTopic> topics = new ArrayList<>();
        for (String prefix : prefixes) {
            topics.add(new NewTopic(prefix + "-" + suffix, 6, (short) 1));
        }
        try (Admin admin = Admin.create(clientProps())) {
            admin.createTopics(topics).all().get();
        }
        return topics.stream().map(NewTopic::name).toArray(String[]::new);
    }

    private Properties clientProps() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        return props;
    }

    private long[] tail(long[] nanos) {
        return Arrays.copyOfRange(nanos, rounds / 10, nanos.length);
    }

    /** "p50 / p90 / p99 ms" of durations in ns, nearest rank. */
    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%5.1f / %5.1f / %5.1f ms", rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99));
    }

    private static double rank(long[] sorted, double p) {
        int index = Math.max(0, (int) Math.ceil(p * sorted.length) - 1);
        return sorted[index] / 1e6;
    }
}
