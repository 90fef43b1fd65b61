package io.tradeflow.position.messaging;

import io.smallrye.common.annotation.Identifier;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Topics;
import io.tradeflow.service.messaging.TopicTail;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Which {@code PositionChanged} ids positions.v1 already holds, for fills delivered again after a crash. A redelivered
 * fill's events, if they were published at all, were published after the fill was booked: so the topic is read from
 * that time (less a minute, for the producer's clock) to its end, once for a run of redelivered fills, and kept up
 * to date with every event this instance publishes meanwhile. Forgotten when a new fill is booked (the redelivered
 * ones are behind) or partitions are assigned, so it never grows beyond one redelivery window.
 */
@ApplicationScoped
public class PublishedTail {
    private static final Logger LOG = Logger.getLogger(PublishedTail.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long CLOCK_MARGIN_MILLIS = 60_000;

    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    private final Map<String, Object> kafka;
    private Set<String> published;
    private long readSince;

    public PublishedTail(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /**
     * True when positions.v1 has the event of a fill booked at {@code bookedAt} (epoch ms). Reads the topic when what
     * was read does not reach back that far.
     *
     * @throws IllegalStateException when Kafka does not answer
     */
    public synchronized boolean contains(String eventId, long bookedAt) {
        long since = bookedAt - CLOCK_MARGIN_MILLIS;
        if (published == null || since < readSince) {
            Set<String> ids = new HashSet<>();
            long read = TopicTail.readSince(kafka, Topics.POSITIONS, since, TIMEOUT,
                    record -> ids.add(eventId(record.value())));
            LOG.infof("Read %d record(s) of %s written since %d, to publish the events of redelivered fills once",
                    read, Topics.POSITIONS, since);
            published = ids;
            readSince = since;
        }
        return published.contains(eventId);
    }

    /** Drops what was read: the next {@link #contains} reads the topic again. */
    public synchronized void forget() {
        published = null;
    }

    /** Notes an event this instance published. */
    public synchronized void add(String eventId) {
        if (published != null) {
            published.add(eventId);
        }
    }

    private static String eventId(byte[] value) {
        try {
            return EventCodec.decodeAny(value).eventId();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
