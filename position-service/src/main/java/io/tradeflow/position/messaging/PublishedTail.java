package io.tradeflow.position.messaging;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.messaging.TopicTail;
import io.tradeflow.position.config.PositionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which {@code PositionChanged} ids positions.v1 already holds, for fills delivered again after a crash: read from the
 * topic's tail the first time one is needed after a start or a partition assignment ({@link #forget}), then kept up to
 * date with every event this instance publishes. A fill is only redelivered when its offset was not committed, so
 * its events, if published at all, are in that tail.
 */
@ApplicationScoped
public class PublishedTail {
    private static final Logger LOG = Logger.getLogger(PublishedTail.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrapServers;
    private final int recordsPerPartition;
    private Set<String> published;

    public PublishedTail(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            PositionConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.recordsPerPartition = config.tailRecordsPerPartition();
    }

    /** True when positions.v1 has the event. Reads the tail on first use (throws IllegalStateException when Kafka does not answer). */
    public synchronized boolean contains(String eventId) {
        if (published == null) {
            Set<String> ids = new HashSet<>();
            long read = TopicTail.read(bootstrapServers, Topics.POSITIONS, recordsPerPartition, TIMEOUT,
                    record -> ids.add(eventId(record.value())));
            LOG.infof("Read the last %d record(s) of %s to publish the events of redelivered fills once", read,
                    Topics.POSITIONS);
            published = ids;
        }
        return published.contains(eventId);
    }

    /** Drops what was read: the next {@link #contains} reads the tail again (partitions moved, or a test's restart). */
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
