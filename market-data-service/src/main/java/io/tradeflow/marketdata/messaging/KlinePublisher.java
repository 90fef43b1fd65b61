package io.tradeflow.marketdata.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes closed klines to {@code market.klines.v1}, keyed by symbol, each (symbol, interval, openTime) at most once.
 *
 * <p>At most {@link #MAX_IN_FLIGHT} klines wait for Kafka's acknowledgement; past that {@link #accept} blocks, which
 * bounds memory when Kafka is slow or down and holds a replay to Kafka's pace. Only an acknowledged kline goes to
 * Redis. A kline Kafka finally refuses (after the idempotent producer's own retries) leaves a hole that this process
 * cannot fill in order, so it marks the service failed: liveness goes DOWN and a restart resumes from the topic.
 */
@ApplicationScoped
public class KlinePublisher implements KlineSink {
    private static final Logger LOG = Logger.getLogger(KlinePublisher.class);
    public static final int MAX_IN_FLIGHT = 1024;

    private final Emitter<KlineClosed> emitter;
    private final PublishedKlines published;
    private final CandleStore candles;
    private final MarketDataMetrics metrics;
    private final MarketDataConfig config;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    // A lock, not synchronized: sources call from virtual threads, which synchronized would pin on JDK 21.
    private final ReentrantLock order = new ReentrantLock();
    /** When Kafka last acknowledged a kline, or when a kline was handed over while none was waiting. */
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile String failure;

    public KlinePublisher(@Channel("klines") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * MAX_IN_FLIGHT)
                          Emitter<KlineClosed> emitter,
                          PublishedKlines published, CandleStore candles, MarketDataMetrics metrics, MarketDataConfig config) {
        this.emitter = emitter;
        this.published = published;
        this.candles = candles;
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public Outcome accept(Kline kline, KlineSource source, long eventTime) {
        order.lock();
        try {
            return publish(kline, source, eventTime);
        } finally {
            order.unlock();
        }
    }

    private Outcome publish(Kline kline, KlineSource source, long eventTime) {
        if (!published.isNew(kline)) {
            metrics.klineDuplicate(source);
            return Outcome.DUPLICATE;
        }
        long missing = published.missingBefore(kline);
        if (missing > 0) {
            // Sources backfill before they hand over a kline after a hole; one that did not is worth a warning.
            LOG.warnf("%s: %d kline(s) missing before %d", kline.id(), missing, kline.openTime());
            metrics.gapFound(kline.interval(), missing);
        }
        KlineClosed event = KlineClosed.of(kline, source, market(source), eventTime, System.currentTimeMillis());
        if (inFlight() == 0) {
            lastProgressNanos = System.nanoTime();
        }
        inFlight.acquireUninterruptibly();
        published.record(PublishedKlines.pairOf(kline), kline.openTime());
        emitter.send(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                .withAck(() -> acknowledged(event))
                .withNack(error -> refused(event, error)));
        return Outcome.PUBLISHED;
    }

    private io.tradeflow.core.domain.Market market(KlineSource source) {
        return source == KlineSource.REPLAY ? config.replay().market() : config.binance().market();
    }

    private CompletableFuture<Void> acknowledged(KlineClosed event) {
        lastProgressNanos = System.nanoTime();
        inFlight.release();
        metrics.klinePublished(event.source(), event.interval());
        if (event.source() == KlineSource.BINANCE) {
            metrics.publishDelay(Duration.ofMillis(System.currentTimeMillis() - event.closeTime()));
        }
        candles.append(event);
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> refused(KlineClosed event, Throwable error) {
        inFlight.release();
        metrics.publishFailed();
        failure = "Kafka refused " + event.eventId() + ": " + error.getMessage();
        LOG.errorf(error, "Kafka refused %s; the service is marked failed so that a restart resumes from the topic", event.eventId());
        return CompletableFuture.completedFuture(null);
    }

    /** Klines handed to Kafka and not yet acknowledged. */
    public int inFlight() {
        return MAX_IN_FLIGHT - inFlight.availablePermits();
    }

    /**
     * How long klines have been waiting for Kafka without any acknowledgement; zero when none waits. Kafka being
     * down shows here long before the producer gives up on a kline.
     */
    public Duration stalledFor() {
        return inFlight() == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastProgressNanos);
    }

    /** Why publishing failed for good, or null. */
    public String failure() {
        return failure;
    }
}
