package io.tradeflow.signal.messaging;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.messaging.TopicTail;
import io.tradeflow.signal.config.SignalConfig;
import io.tradeflow.signal.domain.PublishedSignals;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Reads the newest records of every {@code signals.v1} partition into {@link PublishedSignals}: each bot's newest
 * published kline. Every partition, not only this instance's: signals are keyed by symbol, so whichever partitions
 * this instance gets, their bots' signals are on the same partition numbers.
 */
@ApplicationScoped
public class PublishedSignalsRestore {
    private static final Logger LOG = Logger.getLogger(PublishedSignalsRestore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PublishedSignals published;
    private final long recordsPerPartition;
    private final String bootstrapServers;

    public PublishedSignalsRestore(PublishedSignals published, SignalConfig config,
                                   @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.published = published;
        this.recordsPerPartition = config.restore().recordsPerPartition();
        this.bootstrapServers = bootstrapServers;
    }

    public void restore() {
        long started = System.nanoTime();
        long read = TopicTail.read(bootstrapServers, Topics.SIGNALS, recordsPerPartition, TIMEOUT, record -> {
            try {
                published.record(EventCodec.decode(record.value(), SignalGenerated.class));
            } catch (EventDecodingException e) {
                LOG.warnf("Skipping an unreadable record at %s-%d offset %d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        });
        LOG.infof("Read %d published signals back from %s in %d ms", read, Topics.SIGNALS, (System.nanoTime() - started) / 1_000_000);
    }
}
