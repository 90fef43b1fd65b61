package io.tradeflow.benchmarks.execution;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a {@link LoadPlan} to Kafka as market-data-service and signal-service would: per kline the
 * {@code KlineClosed} on {@code market.klines.v1}, then on {@code signals.v1} its signals and, after them, its
 * {@code SignalWatermark}; every event keyed by symbol and stamped {@code producedAt} = now just before it is sent.
 *
 * <p>Paced ({@code klinesPerSecond} > 0): kline j is due at start + j / rate; each waits for the broker's
 * acknowledgement before the next stage (the kline before its signals, the signals before the watermark), since
 * signal-service cannot see a kline before it is on the topic and sends the watermark only once its signals are
 * acknowledged. {@code linger.ms} 0, so the writer adds no batching delay. At max speed nothing waits (the
 * idempotent producer keeps each partition in order) and records are batched.
 *
 * <p>Each signal's line in the manifest: {@code signalId botId symbol klineOpenTime action klineProducedAt
 * signalProducedAt} (tab-separated, epoch ms).
 */
final class LoadWriter implements AutoCloseable {
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<String, byte[]> producer;
    private final boolean paced;

    /** What a write did: how long it took and, paced, how late the latest kline was sent. */
    record Written(int klines, int signals, long tookMillis, long maxLagMillis) {
    }

    LoadWriter(String bootstrap, boolean paced) {
        this.paced = paced;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, paced ? 0 : 20,
                ProducerConfig.BATCH_SIZE_CONFIG, paced ? 16_384 : 262_144,
                ProducerConfig.CLIENT_ID_CONFIG, "execution-benchmark"),
                new StringSerializer(), new ByteArraySerializer());
        // The topics' metadata now, not at the first send: else the first paced klines wait for it (most of a
        // second) and then go out in one burst.
        producer.partitionsFor(Topics.KLINES);
        producer.partitionsFor(Topics.SIGNALS);
    }

    Written write(LoadPlan plan, double klinesPerSecond, Path manifest) {
        if (paced != klinesPerSecond > 0) {
            throw new IllegalArgumentException("a " + (paced ? "paced" : "max-speed") + " writer, rate " + klinesPerSecond);
        }
        try (BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.US_ASCII)) {
            long start = System.nanoTime();
            long maxLag = 0;
            int j = 0;
            for (LoadPlan.Tick tick : plan.ticks()) {
                if (paced) {
                    long due = start + (long) (j * 1e9 / klinesPerSecond);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    maxLag = Math.max(maxLag, -wait);
                }
                send(tick, out);
                j++;
            }
            producer.flush();
            return new Written(plan.ticks().size(), plan.signals(), (System.nanoTime() - start) / 1_000_000,
                    maxLag / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + manifest, e);
        }
    }

    private void send(LoadPlan.Tick tick, BufferedWriter manifest) throws IOException {
        KlineClosed recorded = tick.kline();
        KlineClosed kline = KlineClosed.of(recorded.kline(), KlineSource.REPLAY, Market.USD_M, recorded.eventTime(),
                System.currentTimeMillis());
        acknowledged(List.of(send(kline)));
        List<Future<RecordMetadata>> sent = new ArrayList<>(tick.signals().size());
        for (SignalGenerated s : tick.signals()) {
            SignalGenerated signal = new SignalGenerated(s.botId(), s.strategy(), s.symbol(), s.interval(),
                    s.klineOpenTime(), s.action(), s.referencePrice(), s.stopLoss(), s.takeProfit(), s.reason(),
                    s.eventTime(), System.currentTimeMillis());
            sent.add(send(signal));
            manifest.write(String.join("\t", signal.signalId(), signal.botId(), signal.symbol().value(),
                    Long.toString(signal.klineOpenTime()), signal.action().name(), Long.toString(kline.producedAt()),
                    Long.toString(signal.producedAt())));
            manifest.newLine();
        }
        acknowledged(sent);
        send(new SignalWatermark(kline.symbol(), kline.interval(), kline.openTime(), kline.eventTime(),
                System.currentTimeMillis()));
    }

    private Future<RecordMetadata> send(Event event) {
        return producer.send(new ProducerRecord<>(Topics.of(event), event.key(), EventCodec.encode(event)));
    }

    /** Paced: waits for the broker's acknowledgement of every record sent; at max speed returns at once. */
    private void acknowledged(List<Future<RecordMetadata>> sent) {
        if (!paced) {
            return;
        }
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("no acknowledgement in " + ACK_TIMEOUT_SECONDS + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
