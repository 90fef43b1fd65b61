package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.benchmarks.execution.RecordedKlines;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The spike's klines: the recorded week under {@code symbols} benchmark symbols ({@code EOS1USDT}, ...), each
 * starting one recorded day after the previous one (so the series differ), interleaved minute by minute as a live
 * market closes them. Per symbol, in this order: {@code rows} for the throughput run (sent at full speed), {@code
 * live} sent at a live pace (for the latency), and {@code extra} sent after a restart (to check that the restored
 * state continues exactly). Encoded once, before anything is timed.
 *
 * <p>Also what an uninterrupted in-process run of trading-core's {@link IndicatorSeries} makes of them: the
 * snapshot of every kline, to compare each side's output with.
 */
final class SpikeInput {
    /** A recorded day: how far apart the symbols start in the file. */
    private static final int ROWS_APART = 1440;

    /** A record to send: the key (the symbol) and the encoded value. */
    private record Keyed(String key, byte[] value) {
    }

    private final List<Keyed> main;
    private final List<Keyed> live;
    private final List<Keyed> afterRestart;
    private final Map<String, String> expected;
    private final int mainKlines;

    private SpikeInput(List<Keyed> main, List<Keyed> live, List<Keyed> afterRestart, Map<String, String> expected,
                       int mainKlines) {
        this.main = main;
        this.live = live;
        this.afterRestart = afterRestart;
        this.expected = expected;
        this.mainKlines = mainKlines;
    }

    /**
     * @param poison unreadable records put among the main klines (at even spaces), which each side must send to its
     *               dead-letter topic in the same transaction and go on
     */
    static SpikeInput of(RecordedKlines recorded, IndicatorWork work, int symbols, int rows, int live, int extra, int poison) {
        List<List<KlineClosed>> bySymbol = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            Symbol symbol = new Symbol("EOS" + (i + 1) + "USDT");
            bySymbol.add(recorded.klines(symbol, i * ROWS_APART % recorded.size(), rows + live + extra));
        }
        Map<String, String> expected = new HashMap<>();
        for (List<KlineClosed> klines : bySymbol) {
            IndicatorSeries series = work.newSeries(klines.getFirst());
            for (KlineClosed kline : klines) {
                IndicatorsComputed snapshot = series.apply(kline, 1).snapshot().orElseThrow();
                expected.put(snapshot.eventId(), EventCodec.encodeToString(snapshot));
            }
        }
        List<Keyed> main = interleave(bySymbol, 0, rows);
        int every = poison == 0 ? 0 : main.size() / (poison + 1);
        for (int p = poison; p >= 1; p--) {
            main.add(p * every, new Keyed("EOS1USDT", ("not a kline " + p).getBytes(StandardCharsets.US_ASCII)));
        }
        return new SpikeInput(main, interleave(bySymbol, rows, rows + live),
                interleave(bySymbol, rows + live, rows + live + extra), Map.copyOf(expected), symbols * rows);
    }

    private static List<Keyed> interleave(List<List<KlineClosed>> bySymbol, int from, int to) {
        List<Keyed> records = new ArrayList<>();
        for (int k = from; k < to; k++) {
            for (List<KlineClosed> klines : bySymbol) {
                KlineClosed kline = klines.get(k);
                records.add(new Keyed(kline.key(), EventCodec.encode(kline)));
            }
        }
        return records;
    }

    /** Klines (and poison records) of the throughput run. */
    int mainRecords() {
        return main.size();
    }

    /** Readable klines of the throughput run: the snapshots it must give. */
    long mainKlines() {
        return mainKlines;
    }

    int liveKlines() {
        return live.size();
    }

    int afterRestartKlines() {
        return afterRestart.size();
    }

    /** eventId to the snapshot's JSON with {@code producedAt} 1, for every kline of all three parts. */
    Map<String, String> expected() {
        return expected;
    }

    /** A producer as market-data-service's at max speed: idempotent, acks=all, batched, uncompressed. */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.CLIENT_ID_CONFIG, "spike-loader"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the throughput run's records to {@code topic} as fast as the producer takes them, then flushes. */
    void writeMain(KafkaProducer<String, byte[]> producer, String topic) {
        write(producer, topic, main);
    }

    void writeAfterRestart(KafkaProducer<String, byte[]> producer, String topic) {
        write(producer, topic, afterRestart);
    }

    /** A producer as market-data-service's at a live pace: every kline sent at once ({@code linger.ms} 0). */
    static KafkaProducer<String, byte[]> pacedProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "spike-paced-loader"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends the live part at {@code perSecond} klines/s (kline j due at start + j / rate) and returns when each was
     * handed to the producer ({@link System#nanoTime()}), by event id.
     */
    Map<String, Long> writeLive(KafkaProducer<String, byte[]> producer, String topic, double perSecond) {
        Map<String, Long> sentAt = new HashMap<>();
        long start = System.nanoTime();
        for (int j = 0; j < live.size(); j++) {
            long due = start + (long) (j * 1e9 / perSecond);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Keyed kline = live.get(j);
            sentAt.put(eventIdOf(kline.value()), System.nanoTime());
            producer.send(new ProducerRecord<>(topic, kline.key(), kline.value()));
        }
        producer.flush();
        return sentAt;
    }

    /**
     * The event id of an encoded KlineClosed or IndicatorsComputed, read from the JSON's start without decoding it
     * (the codec writes {@code eventId} first), so that the watcher stays cheap.
     */
    static String eventIdOf(byte[] json) {
        String head = new String(json, 0, Math.min(json.length, 120), StandardCharsets.US_ASCII);
        int start = head.indexOf("\"eventId\":\"") + 11;
        int end = head.indexOf('"', start);
        if (start < 11 || end < 0) {
            throw new IllegalArgumentException("no eventId at the start of " + head);
        }
        return head.substring(start, end);
    }

    private static void write(KafkaProducer<String, byte[]> producer, String topic, List<Keyed> records) {
        for (Keyed record : records) {
            producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                if (error != null) {
                    System.err.println("exactly-once-spike: Kafka refused an input record: " + error);
                }
            });
        }
        producer.flush();
    }
}
