package io.tradeflow.signal.messaging;

import io.smallrye.common.annotation.Identifier;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.messaging.TopicTail;
import io.tradeflow.signal.config.SignalConfig;
import io.tradeflow.signal.domain.PublishedSignals;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * Reads the newest records of every {@code signals.v1} partition into {@link PublishedSignals}: each bot's newest
 * published kline. Every partition, not only this instance's: signals are keyed by symbol, so whichever partitions
 * this instance gets, their bots' signals are on the same partition numbers.
 *
 * <p>{@code signals.v1} carries two event types, told apart by {@code eventType}: {@link SignalGenerated}, which is
 * what this reads, and {@link SignalWatermark}, which only says a kline was evaluated and is skipped. An unreadable
 * record, or an event of another type, is logged and skipped.
 */
@ApplicationScoped
public class PublishedSignalsRestore {
    private static final Logger LOG = Logger.getLogger(PublishedSignalsRestore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What one restore read: signals learnt, watermarks skipped, other records skipped (unreadable or unexpected). */
    public record Restored(long signals, long watermarks, long skipped) {
    }

    private final PublishedSignals published;
    private final long recordsPerPartition;
    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    private final Map<String, Object> kafka;

    public PublishedSignalsRestore(PublishedSignals published, SignalConfig config,
                                   @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.published = published;
        this.recordsPerPartition = config.restore().recordsPerPartition();
        this.kafka = kafka;
    }

    /**
     * Reads the last {@code restore.records-per-partition} records of each partition.
     *
     * @throws IllegalStateException when Kafka does not answer or the topic does not exist (from {@link TopicTail})
     */
    public Restored restore() {
        long started = System.nanoTime();
        Tally tally = new Tally();
        TopicTail.read(kafka, Topics.SIGNALS, recordsPerPartition, TIMEOUT, tally::take);
        Restored restored = new Restored(tally.signals, tally.watermarks, tally.skipped);
        LOG.infof("Read %s back in %d ms: %d signals, %d watermarks, %d records skipped", Topics.SIGNALS,
                (System.nanoTime() - started) / 1_000_000, restored.signals(), restored.watermarks(), restored.skipped());
        return restored;
    }

    /** Hands each signal to {@link PublishedSignals} and counts what it saw. */
    private final class Tally {
        long signals;
        long watermarks;
        long skipped;

        void take(ConsumerRecord<String, byte[]> record) {
            switch (decode(record)) {
                case SignalGenerated signal -> {
                    published.record(signal);
                    signals++;
                }
                case SignalWatermark ignored -> watermarks++;
                case null -> skipped++;
                case Event other -> {
                    LOG.warnf("Skipping a %s at %s-%d offset %d: not an event of %s", other.eventType(), record.topic(),
                            record.partition(), record.offset(), Topics.SIGNALS);
                    skipped++;
                }
            }
        }
    }

    /** The record's event, or null (logged) when it cannot be read. */
    private static Event decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decodeAny(record.value());
        } catch (EventDecodingException e) {
            LOG.warnf("Skipping an unreadable record at %s-%d offset %d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }
}
