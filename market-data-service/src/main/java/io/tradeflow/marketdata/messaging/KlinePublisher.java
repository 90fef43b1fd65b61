package io.tradeflow.marketdata.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.domain.PublishingFailedException;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes closed klines to {@code market.klines.v1}, keyed by symbol, each (symbol, interval, openTime) at most once,
 * with a Kafka producer of its own ({@link KlineProducerSettings}: idempotent, {@code acks=all}) called from the
 * source's thread: per kline an encode and an append to the producer's batch, and an acknowledgement callback.
 * (A SmallRye channel did the same with a Mutiny pipeline, context propagation and tracing per kline: about a third
 * of this service's CPU at a replay's pace, docs/benchmarks.md, "Fifth pass".)
 *
 * <p>At most {@link #MAX_IN_FLIGHT} klines wait for Kafka's acknowledgement; past that {@link #accept} blocks, which
 * bounds memory when Kafka is slow or down and holds a replay to Kafka's pace. A send that finds no metadata for the
 * topic within {@code max.block.ms} (Kafka unreachable) appended nothing: it is tried again, and the source waits.
 * Only an acknowledged kline goes to Redis, with the JSON sent to Kafka. A kline that the producer refuses outright,
 * or that Kafka finally refuses (after the idempotent producer's own retries), leaves a hole that this process cannot
 * fill in order, so it marks the service failed: nothing more is published ({@link PublishingFailedException}),
 * readiness and liveness go DOWN, and a restart resumes after the last kline on the topic. A refused kline can still
 * be a hole: klines sent before the refusal came back (at most {@link #MAX_IN_FLIGHT}) may be written after it; its
 * ERROR names it.
 */
@Startup // the producer's settings are checked at start, not at the first kline
@ApplicationScoped
public class KlinePublisher implements KlineSink {
    private static final Logger LOG = Logger.getLogger(KlinePublisher.class);
    public static final int MAX_IN_FLIGHT = 1024;
    /** How long a stop waits for the klines still on their way to Kafka. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
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
    private volatile boolean stopping;
    /** Klines Kafka refused while the service stopped (the producer's forced close), logged once. */
    private final AtomicInteger refusedWhileStopping = new AtomicInteger();

    @Inject
    public KlinePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, PublishedKlines published,
                          CandleStore candles, MarketDataMetrics metrics, MarketDataConfig config) {
        this(new KafkaProducer<>(KlineProducerSettings.of(kafka, config.producer())), published, candles, metrics, config);
    }

    /** Around a given producer (for tests: one that fails on command). */
    KlinePublisher(Producer<String, byte[]> producer, PublishedKlines published, CandleStore candles,
                   MarketDataMetrics metrics, MarketDataConfig config) {
        this.producer = producer;
        this.published = published;
        this.candles = candles;
        this.metrics = metrics;
        this.config = config;
    }

    /** Before the sources stop: a send they interrupt, or one refused from here on, is the stop's, not a failure. */
    void stopping(@Observes @Priority(Interceptor.Priority.APPLICATION + 400) ShutdownEvent ignored) {
        stopping = true;
    }

    /** After the sources have stopped (their observers run first), and before the candle writer drains its queue. */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) ShutdownEvent ignored) {
        stopping = true;
        try {
            producer.close(CLOSE_WAIT);
        } catch (RuntimeException e) {
            // Never out of a shutdown observer: the candle writer's drain comes after this one.
            LOG.warnf("Closing the kline producer failed: %s", e.getMessage());
        }
        int refused = refusedWhileStopping.get();
        if (refused > 0) {
            LOG.warnf("%d kline(s) were not acknowledged by Kafka before the stop; a restart resumes after the last kline"
                    + " on the topic", refused);
        }
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
        requireNoFailure(kline.id());
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
        byte[] json = EventCodec.encode(event);
        if (inFlight() == 0) {
            lastProgressNanos = System.nanoTime();
        }
        inFlight.acquireUninterruptibly();
        try {
            handOver(event, json);
        } catch (PublishingFailedException e) {
            inFlight.release();
            throw e;
        } catch (RuntimeException e) {
            // Not on its way: give the permit back, and do not count it as published (a restart must publish it).
            inFlight.release();
            if (stopping || e instanceof InterruptException) {
                throw new PublishingFailedException("Not publishing " + event.eventId() + ": the service is stopping", e);
            }
            String why = "could not hand " + event.eventId() + " to Kafka: " + e.getMessage();
            fail(why, e);
            throw new PublishingFailedException(why, e);
        }
        published.record(PublishedKlines.pairOf(kline), kline.openTime());
        return Outcome.PUBLISHED;
    }

    /** Publishing failed for good (here or on the producer's thread): nothing more goes out until a restart. */
    private void requireNoFailure(String what) {
        String failed = failure;
        if (failed != null) {
            throw new PublishingFailedException("Not publishing " + what + ": publishing failed earlier (" + failed
                    + "); restart the service to resume after the last kline on the topic", null);
        }
    }

    /**
     * Appends the kline to the producer's batch, trying again while Kafka cannot be reached. The producer reports a
     * failure before the append through the callback, on this thread, and throws nothing ({@code KafkaProducer.send}):
     * {@link Delivery} keeps it for here. Each try first checks that no earlier kline was refused meanwhile (a
     * batch expiring while Kafka is down): one appended after it would land behind the hole.
     */
    private void handOver(KlineClosed event, byte[] json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.KLINES, event.key(), json);
        boolean warned = false;
        while (true) {
            requireNoFailure(event.eventId());
            Delivery delivery = new Delivery(event, json);
            delivery.sending = true;
            try {
                producer.send(record, delivery);
            } finally {
                delivery.sending = false;
            }
            RuntimeException refused = delivery.handedOver();
            if (refused == null) {
                if (warned) {
                    LOG.infof("Kafka takes klines again (%s)", event.eventId());
                }
                return;
            }
            if (!(refused instanceof RetriableException) || stopping) {
                throw refused;
            }
            if (!warned) {
                LOG.warnf("Kafka cannot take %s (%s); the source waits while the producer tries again", event.eventId(),
                        refused.getMessage());
                warned = true;
            }
        }
    }

    /**
     * One send's outcome: acknowledged, refused by Kafka, or refused before the append (on the sending thread, while
     * {@code send} runs).
     */
    private final class Delivery implements Callback {
        private final Thread sender = Thread.currentThread();
        private final KlineClosed event;
        private final byte[] json;
        /** True while the sending thread is inside {@code send}; only that thread reads or writes it. */
        private boolean sending;
        private RuntimeException beforeAppend;

        Delivery(KlineClosed event, byte[] json) {
            this.event = event;
            this.json = json;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error != null && Thread.currentThread() == sender && sending) {
                beforeAppend = error instanceof RuntimeException runtime ? runtime : new KafkaException(error);
            } else if (error == null) {
                acknowledged(event, json);
            } else {
                refused(event, error);
            }
        }

        /** Null when the kline is on its way; the producer's refusal when it is not. */
        RuntimeException handedOver() {
            return beforeAppend;
        }
    }

    private io.tradeflow.core.domain.Market market(KlineSource source) {
        return source == KlineSource.REPLAY ? config.replay().market() : config.binance().market();
    }

    private void acknowledged(KlineClosed event, byte[] json) {
        lastProgressNanos = System.nanoTime();
        inFlight.release();
        metrics.klinePublished(event.source(), event.interval());
        if (event.source() == KlineSource.BINANCE) {
            metrics.publishDelay(Duration.ofMillis(System.currentTimeMillis() - event.closeTime()));
        }
        candles.append(event, json);
    }

    private void refused(KlineClosed event, Throwable error) {
        inFlight.release();
        if (stopping) {
            refusedWhileStopping.incrementAndGet();
            return;
        }
        fail("Kafka refused " + event.eventId() + ": " + error.getMessage(), error);
    }

    private void fail(String why, Throwable error) {
        metrics.publishFailed();
        if (failure == null) {
            failure = why;
        }
        LOG.errorf(error, "Publishing failed (%s); nothing more is published: restart the service to resume after the last kline on the topic", why);
    }

    /**
     * Klines handed to Kafka and not yet acknowledged. (Never below zero: a producer in a fatal state can throw after
     * the append and later abort the batch, which gives a permit back twice; publishing has failed by then.)
     */
    public int inFlight() {
        return Math.max(0, MAX_IN_FLIGHT - inFlight.availablePermits());
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
