package io.tradeflow.signal.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.messaging.BotRecord;
import io.tradeflow.core.messaging.TopicFollower;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.service.messaging.PausedChannels;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.domain.SignalEngine;
import io.tradeflow.signal.metrics.SignalMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Follows the whole compacted {@code bots.v1} from its first offset, in every instance, with a {@link TopicFollower}
 * (no group, a thread of its own). Why not a channel: snapshots must not be evaluated before every bot is known,
 * and only the follower knows when the topic has been read to where it ended at start. Once there, the paused
 * {@code indicators} channel is resumed. An unreadable record goes, unchanged, to {@code bots.v1.dlq}.
 */
@ApplicationScoped
public class BotFollower implements TopicFollower.Listener {
    private static final Logger LOG = Logger.getLogger(BotFollower.class);
    static final String INDICATORS_CHANNEL = "indicators";
    private static final Duration RESUME_RETRY = Duration.ofMillis(100);

    private final BotRegistry bots;
    private final SignalEngine engine;
    private final SignalMetrics metrics;
    private final ChannelRegistry channels;
    private final Emitter<byte[]> deadLetters;
    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    private final Map<String, Object> kafka;
    private volatile TopicFollower follower;
    private volatile boolean snapshotsResumed;

    public BotFollower(BotRegistry bots, SignalEngine engine, SignalMetrics metrics, ChannelRegistry channels,
                       @Channel("bots-dlq") Emitter<byte[]> deadLetters,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.bots = bots;
        this.engine = engine;
        this.metrics = metrics;
        this.channels = channels;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent ignored) {
        follower = TopicFollower.start(kafka, Topics.BOTS, "signal-service-bots", this);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (follower != null) {
            follower.close();
        }
    }

    /** True once bots.v1 has been read up to where it ended when the service started and the snapshots flow. */
    public boolean loaded() {
        return follower != null && follower.caughtUp() && snapshotsResumed;
    }

    public boolean isAlive() {
        return follower != null && follower.alive();
    }

    /** Why following bots.v1 failed last, or null while it works. */
    public String failure() {
        return follower == null ? null : follower.failure();
    }

    @Override
    public void caughtUp(long records, Duration took) {
        LOG.infof("Read %s to its end (%d records in %d ms): %d bot(s) running; evaluating snapshots", Topics.BOTS,
                records, took.toMillis(), bots.runningCount());
        resumeSnapshots();
    }

    @Override
    public void failed(RuntimeException error, Duration pause) {
        LOG.errorf(error, "Following %s failed; starting over from its first offset in %d ms", Topics.BOTS, pause.toMillis());
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        BotDefinition definition;
        switch (BotRecord.read(record)) {
            case BotRecord.Unreadable unreadable -> {
                deadLetter(record, unreadable.reason());
                return;
            }
            case BotRecord.Deleted ignored -> definition = null;
            case BotRecord.Defined defined -> definition = defined.bot();
        }
        try {
            BotRegistry.Change change = bots.update(record.key(), definition);
            if (change != BotRegistry.Change.UNCHANGED) {
                engine.forget(record.key());
                LOG.infof("Bot %s %s", record.key(), change.name().toLowerCase());
            }
        } catch (InvalidParameterException e) {
            engine.forget(record.key());
            metrics.botRejected(definition.strategy().type());
            LOG.errorf("Bot %s refused, it does not run: %s (parameter %s)", record.key(), e.getMessage(), e.parameter());
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.errorf("Unreadable record at %s-%d offset %d sent to %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.dlq(Topics.BOTS), reason);
        var headers = new RecordHeaders();
        headers.add("dead-letter-reason", String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        deadLetters.send(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
    }

    private void resumeSnapshots() {
        snapshotsResumed = PausedChannels.resume(() -> channels.getPausable(INDICATORS_CHANNEL), RESUME_RETRY);
    }
}
