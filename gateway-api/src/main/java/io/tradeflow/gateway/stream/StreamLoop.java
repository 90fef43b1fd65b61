package io.tradeflow.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.Event;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One client's stream: its own Kafka consumer (assigned and positioned by {@link LiveStreams}; no group, no
 * commits), polled on a thread of its own, whose events go to the client's SSE {@link Multi}. It polls only
 * while the client has taken what it was sent, so a slow client holds at most one poll's records; it stops and closes
 * the consumer when the client goes away (RESTEasy cancels the Multi when the connection closes).
 */
final class StreamLoop {
    private static final Logger LOG = Logger.getLogger(StreamLoop.class);
    /** RESTEasy subscribes as soon as the response head is written; a stream never subscribed (the client left) ends. */
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final StreamFilter filter;
    private final StreamPosition position;
    private final Sse sse;
    private final StreamConfig config;
    private final Map<String, Counter> sent;
    private final Consumer<StreamLoop> ended;
    private final CompletableFuture<MultiEmitter<? super OutboundSseEvent>> client = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param consumer assigned and positioned at {@code position}; this loop owns and closes it
     * @param sent     the events-sent counter of each event type
     * @param ended    called once, after the consumer is closed
     */
    StreamLoop(String name, KafkaConsumer<String, byte[]> consumer, StreamFilter filter, StreamPosition position,
            Sse sse, StreamConfig config, Map<String, Counter> sent, Consumer<StreamLoop> ended) {
        this.name = name;
        this.consumer = consumer;
        this.filter = filter;
        this.position = position;
        this.sse = sse;
        this.config = config;
        this.sent = sent;
        this.ended = ended;
        // A platform thread: a Kafka poll blocks in a NIO selector, which would hold a virtual thread's carrier.
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The client's events; it has one subscriber, and its cancellation stops the loop. */
    Multi<OutboundSseEvent> events() {
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            if (!client.complete(emitter)) {
                emitter.fail(new IllegalStateException(name + " has a subscriber already"));
                return;
            }
            emitter.onRequest(n -> LockSupport.unpark(thread));
            emitter.onTermination(this::stop);
        }, BackPressureStrategy.BUFFER);
    }

    /** Ends the stream (from any thread): the loop closes the consumer and completes the client's Multi. */
    void stop() {
        if (running) {
            running = false;
            client.cancel(false);
            consumer.wakeup();
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        MultiEmitter<? super OutboundSseEvent> emitter = null;
        try {
            emitter = client.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            stream(emitter);
        } catch (TimeoutException | CancellationException | WakeupException e) {
            // never subscribed, or stopped: nothing to tell anyone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // Kafka failed under us: end the response; the client reconnects with the id of its last event.
            LOG.warnf("%s ended: %s", name, String.valueOf(e.getMessage()));
        } finally {
            running = false; // so that completing the Multi below does not wake a closed consumer
            try {
                consumer.close(Duration.ZERO);
            } finally {
                if (emitter != null) {
                    emitter.complete();
                }
                ended.accept(this);
            }
        }
    }

    private void stream(MultiEmitter<? super OutboundSseEvent> emitter) {
        long heartbeat = config.heartbeat().toNanos();
        long quietSince = System.nanoTime();
        while (running && !emitter.isCancelled()) {
            if (emitter.requested() <= 0) {
                // The client has not taken everything yet: wait for its next request (it unparks us) rather than
                // buffer more. Bounded, so that a missed wake-up only costs a moment.
                LockSupport.parkNanos(this, config.pollTimeout().toNanos());
                continue;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(config.pollTimeout())) {
                if (emitter.isCancelled()) {
                    return;
                }
                position.passed(record.topic(), record.partition(), record.offset());
                Event event = decode(record);
                if (event != null && filter.accepts(event)) {
                    sent.get(event.eventType()).increment();
                    // The id is the position just past this record: a reconnect with it resumes right after it.
                    emitter.emit(sse.newEventBuilder().name(event.eventType()).id(position.encode())
                            .data(new String(record.value(), StandardCharsets.UTF_8)).build());
                    quietSince = System.nanoTime();
                }
            }
            if (System.nanoTime() - quietSince >= heartbeat) {
                emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
                quietSince = System.nanoTime();
            }
        }
    }

    /** The event, or null for a tombstone or a record that is no event (its producer's consumers dead-letter it). */
    private Event decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return EventCodec.decodeAny(record.value());
        } catch (EventDecodingException e) {
            LOG.warnf("%s skips %s-%d@%d: %s", name, record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }
}
