package io.tradeflow.indicator.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.indicator.cache.CheckpointStore;
import io.tradeflow.indicator.cache.SeriesLoader;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.domain.LiveSeries;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One snapshot per closed kline, restart-safe: for each kline, in this order, the snapshot is published and
 * acknowledged by Kafka, then the series' checkpoint is written to Redis, then the kline is acknowledged (its
 * offset committed). A crash between any two steps repeats the kline: before the checkpoint it is published again
 * with the same event id and values (consumers drop the duplicate), after it the series finds it a duplicate.
 *
 * <p>Pipelined, so that a kline does not wait for the previous one's two round trips: klines are folded in one at a
 * time on one thread, in partition order, and their snapshots sent at once; up to {@link #WINDOW} klines wait for
 * their acknowledgement. One writer thread writes the checkpoints in the order Kafka acknowledged the snapshots (in
 * send order within a series, which lives on one partition), so a series' stored checkpoint only moves forward, and
 * acknowledges each kline after its checkpoint. A record that is not a KlineClosed is nacked, which the channel's
 * dead-letter strategy sends unchanged to {@code market.klines.v1.dlq}.
 *
 * <p>Redis failing: the writer retries the checkpoint in place (readiness DOWN), the window fills and consumption
 * waits. Kafka refusing a snapshot for good (after the producer's own retries): nothing after it can be trusted to
 * be in order, so the service stops acknowledging and liveness goes DOWN; a restart resumes from the last commit.
 */
@ApplicationScoped
public class KlineProcessor {
    private static final Logger LOG = Logger.getLogger(KlineProcessor.class);

    private final LiveSeries live;
    private final IndicatorRequirements requirements;
    private final SeriesLoader loader;
    private final CheckpointStore checkpoints;
    private final SnapshotPublisher publisher;
    private final Retrier retrier;
    private final IndicatorMetrics metrics;
    /** Klines sent and not yet acknowledged, at most. */
    static final int WINDOW = 512;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().daemon().name("kline-processor").unstarted(runnable));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().daemon().name("checkpoint-writer").unstarted(runnable));
    private final Semaphore window = new Semaphore(WINDOW);
    private volatile String refused;

    public KlineProcessor(LiveSeries live, IndicatorRequirements requirements, SeriesLoader loader, CheckpointStore checkpoints,
                          SnapshotPublisher publisher, Retrier retrier, IndicatorMetrics metrics) {
        this.live = live;
        this.requirements = requirements;
        this.loader = loader;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.retrier = retrier;
        this.metrics = metrics;
    }

    void stop(@Observes ShutdownEvent ignored) {
        worker.shutdownNow();
        writer.shutdownNow();
    }

    /** Why Kafka refused a snapshot for good, or null; the service then waits for a restart. */
    public String refused() {
        return refused;
    }

    /**
     * Waits until every kline sent so far has its checkpoint written, at most {@code timeout};
     * called with the series lock held when partitions go, so that no late checkpoint of ours lands after the
     * partitions' next owner has written its own.
     */
    public boolean drain(Duration timeout) {
        try {
            if (window.tryAcquire(WINDOW, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                window.release(WINDOW);
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Completes once the kline is handed to Kafka (or settled), so the channel sends the next one. */
    @Incoming("klines")
    public CompletionStage<Void> onKline(Message<byte[]> message) {
        CompletableFuture<Void> handedOver = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    handle(message);
                } finally {
                    handedOver.complete(null);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // Shutting down: left unacknowledged (not failed, which would dead-letter a good kline), read again later.
            handedOver.complete(null);
        }
        return handedOver;
    }

    private void handle(Message<byte[]> message) {
        if (refused != null) {
            return; // left unacknowledged: after the restart liveness asks for, it is read again
        }
        KlineClosed kline;
        try {
            kline = EventCodec.decode(message.getPayload(), KlineClosed.class);
        } catch (RuntimeException e) {
            LOG.warnf("Unreadable record on %s sent to the dead-letter topic: %s", topicPosition(message), e.getMessage());
            message.nack(e);
            return;
        }
        try {
            process(partition(message), kline, message);
        } catch (Retrier.Stopped | InterruptedException stopped) {
            // Neither ack nor nack: the offset stays uncommitted and the next start processes the kline again.
            LOG.infof("Stopping with %s unfinished; it will be processed again", kline.eventId());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Kline %s could not be processed; sent to the dead-letter topic", kline.eventId());
            message.nack(e);
        }
    }

    private void process(int partition, KlineClosed kline, Message<byte[]> message) throws InterruptedException {
        SeriesKey key = new SeriesKey(kline.symbol(), kline.interval());
        synchronized (live) {
            // Inside the lock, so that a revocation holding it can wait for the window to empty.
            window.acquire();
            boolean sent = false;
            try {
                if (!live.isAssigned(partition)) {
                    // Left in the consumer's buffer from a partition revoked meanwhile: its new owner processes it.
                    LOG.debugf("%s: partition %d is no longer ours, skipped", kline.eventId(), partition);
                    return;
                }
                IndicatorSeries series = live.get(key).orElseGet(() -> load(partition, key, kline));
                Set<String> added = series.require(requirements.of(key));
                if (!added.isEmpty()) {
                    int warmed = retrier.untilDone("redis-candles", () -> loader.warmUpAdded(key, series, added));
                    LOG.infof("%s: added %s, warmed up with %d cached klines", key, added, warmed);
                }

                long producedAt = System.currentTimeMillis();
                IndicatorSeries.Update update = metrics.update().record(() -> series.apply(kline, producedAt));
                if (update.duplicate()) {
                    metrics.klineDuplicate(kline.interval());
                    LOG.debugf("%s: not newer than %d, nothing to do", kline.eventId(), series.lastOpenTime());
                    message.ack();
                    return;
                }
                if (update.missedKlines() > 0) {
                    metrics.gapFound(kline.interval(), update.missedKlines());
                    LOG.warnf("%s: %d kline(s) missing before it; the indicators continue across the gap", kline.eventId(), update.missedKlines());
                }
                CompletableFuture<Void> published = update.snapshot()
                        .map(snapshot -> publisher.publish(snapshot).thenRun(() -> metrics.snapshotPublished(kline.interval())))
                        .orElse(CompletableFuture.completedFuture(null));
                IndicatorSeries.Checkpoint checkpoint = series.checkpoint();
                published.thenRunAsync(() -> retrier.run("redis-checkpoint", () -> checkpoints.save(key, checkpoint)), writer)
                        .whenComplete((ignored, error) -> finished(kline, message, error));
                sent = true;
            } finally {
                if (!sent) {
                    window.release();
                }
            }
        }
    }

    private void finished(KlineClosed kline, Message<byte[]> message, Throwable error) {
        window.release();
        if (error == null) {
            message.ack();
            metrics.klineProcessed(kline.interval());
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Retrier.Stopped || cause instanceof RejectedExecutionException) {
            return; // stopping: the kline stays uncommitted and is processed again at the next start
        }
        if (refused == null) {
            refused = "Kafka refused the snapshot of " + kline.eventId() + ": " + cause.getMessage();
            LOG.errorf(cause, "Kafka refused the snapshot of %s; no kline is acknowledged from here on, a restart resumes "
                    + "from the last commit", kline.eventId());
        }
    }

    private IndicatorSeries load(int partition, SeriesKey key, KlineClosed kline) {
        SeriesLoader.Loaded loaded = retrier.untilDone("redis-load", () -> loader.load(key, requirements.of(key), kline.openTime()));
        metrics.seriesRestored(loaded.from());
        long last = loaded.series().lastOpenTime();
        LOG.infof("%s: loaded from %s (%d cached klines), last open time %s, computing %s", key, loaded.from(),
                loaded.klinesReplayed(), last == IndicatorSeries.NO_KLINE ? "none" : Long.toString(last), loaded.series().names());
        live.put(partition, key, loaded.series());
        return loaded.series();
    }

    private static int partition(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getPartition)
                .orElseThrow(() -> new IllegalStateException("a kline without Kafka metadata"));
    }

    private static String topicPosition(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("?");
    }
}
