package io.tradeflow.marketdata.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.domain.PublishingFailedException;
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
 * Redis. A kline that cannot be handed to the producer, or that Kafka finally refuses (after the idempotent
 * producer's own retries), leaves a hole that this process cannot fill in order, so it marks the service failed:
 * nothing more is published ({@link PublishingFailedException}), readiness and liveness go DOWN, and a restart
 * resumes after the last kline on the topic. A refused kline can still be a hole: klines sent before the refusal came
 * back (at most {@link #MAX_IN_FLIGHT}) may be written after it; its ERROR names it.
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
        String failed = failure;
        if (failed != null) {
            throw new PublishingFailedException("Not publishing " + kline.id() + ": publishing failed earlier (" + failed
                    + "); restart the service to resume after the last kline on the topic", null);
        }
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
        try {
            emitter.send(Message.of(event)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                    .withAck(() -> acknowledged(event))
                    .withNack(error -> refused(event, error)));
        } catch (RuntimeException e) {
            // Not on its way: give the permit back, and do not count it as published (a restart must publish it).
            inFlight.release();
            String why = "could not hand " + event.eventId() + " to Kafka: " + e.getMessage();
            fail(why, e);
            throw new PublishingFailedException(why, e);
        }
        published.record(PublishedKlines.pairOf(kline), kline.openTime());
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
        fail("Kafka refused " + event.eventId() + ": " + error.getMessage(), error);
        return CompletableFuture.completedFuture(null);
    }

    private void fail(String why, Throwable error) {
        metrics.publishFailed();
        if (failure == null) {
            failure = why;
        }
        LOG.errorf(error, "Publishing failed (%s); nothing more is published: restart the service to resume after the last kline on the topic", why);
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

    @Override
    public boolean failed() {
        return failure != null;
    }

    /** Why publishing failed for good (the first failure), or null. */
    public String failure() {
        return failure;
    }
}
