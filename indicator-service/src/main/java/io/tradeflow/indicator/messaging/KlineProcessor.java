package io.tradeflow.indicator.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.IndicatorsComputed;
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

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One snapshot per closed kline, restart-safe: for each kline, in this order, the snapshot is published and
 * acknowledged by Kafka, then the series' checkpoint is written to Redis, then the kline is acknowledged (its
 * offset committed). A crash between any two steps repeats the kline: before the checkpoint it is published again
 * with the same event id and values (consumers drop the duplicate), after it the series finds it a duplicate.
 *
 * <p>Klines are processed one at a time on one thread, in partition order. A record that is not a KlineClosed is
 * nacked, which the channel's dead-letter strategy sends unchanged to {@code market.klines.v1.dlq}.
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
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().daemon().name("kline-processor").unstarted(runnable));

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
    }

    @Incoming("klines")
    public CompletionStage<Void> onKline(Message<byte[]> message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            KlineClosed kline;
            try {
                kline = EventCodec.decode(message.getPayload(), KlineClosed.class);
            } catch (RuntimeException e) {
                LOG.warnf("Unreadable record on %s sent to the dead-letter topic: %s", topicPosition(message), e.getMessage());
                message.nack(e).whenComplete((ok, error) -> done.complete(null));
                return;
            }
            try {
                process(partition(message), kline);
            } catch (Retrier.Stopped stopped) {
                // Neither ack nor nack: the offset stays uncommitted and the next start processes the kline again.
                LOG.infof("Stopping with %s unfinished; it will be processed again", kline.eventId());
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Kline %s could not be processed; sent to the dead-letter topic", kline.eventId());
                message.nack(e).whenComplete((ok, error) -> done.complete(null));
                return;
            }
            message.ack().whenComplete((ok, error) -> done.complete(null));
        });
        return done;
    }

    private void process(int partition, KlineClosed kline) {
        SeriesKey key = new SeriesKey(kline.symbol(), kline.interval());
        synchronized (live) {
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
                return;
            }
            if (update.missedKlines() > 0) {
                metrics.gapFound(kline.interval(), update.missedKlines());
                LOG.warnf("%s: %d kline(s) missing before it; the indicators continue across the gap", kline.eventId(), update.missedKlines());
            }
            if (update.snapshot().isPresent()) {
                IndicatorsComputed snapshot = update.snapshot().get();
                retrier.run("kafka-publish", () -> publisher.publishAndWait(snapshot));
                metrics.snapshotPublished(kline.interval());
            }
            IndicatorSeries.Checkpoint checkpoint = series.checkpoint();
            retrier.run("redis-checkpoint", () -> checkpoints.save(key, checkpoint));
            metrics.klineProcessed(kline.interval());
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
