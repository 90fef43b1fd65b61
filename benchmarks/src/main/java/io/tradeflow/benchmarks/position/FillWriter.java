package io.tradeflow.benchmarks.position;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.OrderUpdated;
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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a {@link FillPlan}'s order events to {@code orders.v1} as execution-service would: keyed by symbol, each
 * stamped {@code producedAt} = now just before it is sent.
 *
 * <p>Paced ({@code fillsPerSecond} > 0): fill j is due at start + j / rate, and the events between two fills (the
 * bracket's {@code NEW}s, a {@code CANCELED}) follow the earlier fill at once; each record waits for the broker's
 * acknowledgement, as execution-service's publish does, and {@code linger.ms} is 0. At max speed nothing waits (the
 * idempotent producer keeps each partition in order) and records are batched.
 *
 * <p>Each event's line in the manifest: {@code eventId fill(1|0) producedAt} (tab-separated, epoch ms).
 */
final class FillWriter implements AutoCloseable {
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<String, byte[]> producer;
    private final boolean paced;

    /** What a write did: how long it took and, paced, how late the latest fill was sent. */
    record Written(long tookMillis, long maxLagMillis) {
    }

    FillWriter(String bootstrap, boolean paced) {
        this.paced = paced;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, paced ? 0 : 20,
                ProducerConfig.BATCH_SIZE_CONFIG, paced ? 16_384 : 262_144,
                ProducerConfig.CLIENT_ID_CONFIG, "position-benchmark"),
                new StringSerializer(), new ByteArraySerializer());
        // The topic's metadata now, not at the first send (which would then wait most of a second).
        producer.partitionsFor(Topics.ORDERS);
    }

    Written write(FillPlan plan, double fillsPerSecond, Path manifest) {
        if (paced != fillsPerSecond > 0) {
            throw new IllegalArgumentException("a " + (paced ? "paced" : "max-speed") + " writer, rate " + fillsPerSecond);
        }
        try (BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.US_ASCII)) {
            long start = System.nanoTime();
            long maxLag = 0;
            int j = 0;
            for (OrderUpdated planned : plan.orders()) {
                boolean fill = FillPlan.isFill(planned);
                if (paced && fill) {
                    long due = start + (long) (j * 1e9 / fillsPerSecond);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    maxLag = Math.max(maxLag, -wait);
                }
                OrderUpdated order = stamped(planned, System.currentTimeMillis());
                acknowledged(producer.send(new ProducerRecord<>(Topics.ORDERS, order.key(), EventCodec.encode(order))));
                out.write(order.eventId() + "\t" + (fill ? 1 : 0) + "\t" + order.producedAt());
                out.newLine();
                if (fill) {
                    j++;
                }
            }
            producer.flush();
            return new Written((System.nanoTime() - start) / 1_000_000, maxLag / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + manifest, e);
        }
    }

    /** The event as published now: only {@code producedAt} differs. */
    private static OrderUpdated stamped(OrderUpdated o, long producedAt) {
        return new OrderUpdated(o.clientOrderId(), o.exchangeOrderId(), o.botId(), o.signalId(), o.symbol(), o.venue(),
                o.role(), o.side(), o.type(), o.status(), o.quantity(), o.price(), o.triggerPrice(), o.filledQuantity(),
                o.averagePrice(), o.lastFillQuantity(), o.lastFillPrice(), o.fee(), o.feeAsset(), o.reduceOnly(),
                o.rejectReason(), o.tradeId(), o.realizedPnl(), o.denyReason(), o.market(), o.marginAsset(),
                o.contractSize(), o.closeReason(), o.eventTime(), producedAt);
    }

    /** Paced: waits for the broker's acknowledgement; at max speed returns at once. */
    private void acknowledged(Future<RecordMetadata> sent) {
        if (!paced) {
            return;
        }
        try {
            sent.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement in " + ACK_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
