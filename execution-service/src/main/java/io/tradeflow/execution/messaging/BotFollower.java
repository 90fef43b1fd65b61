package io.tradeflow.execution.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.codec.BotRecord;
import io.tradeflow.service.messaging.TopicFollower;
import io.tradeflow.execution.domain.BotRegistry;
import io.tradeflow.service.messaging.PausedChannels;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * Follows the compacted {@code bots.v1} from its first offset in every instance (trading-core's
 * {@link TopicFollower}); once read to where it ended at start, and once the outbox left by a previous run is
 * published, the paused {@code inputs} channel is resumed, so no signal meets an unknown bot. An unreadable
 * record goes, unchanged, to {@code bots.v1.dlq}.
 */
@ApplicationScoped
public class BotFollower implements TopicFollower.Listener {
    private static final Logger LOG = Logger.getLogger(BotFollower.class);
    static final String INPUTS_CHANNEL = "inputs";
    private static final Duration RESUME_RETRY = Duration.ofMillis(100);

    private final BotRegistry bots;
    private final OutboxRecovery recovery;
    private final ChannelRegistry channels;
    private final DeadLetters deadLetters;
    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    private final Map<String, Object> kafka;
    private volatile TopicFollower follower;
    private volatile boolean inputsResumed;

    public BotFollower(BotRegistry bots, OutboxRecovery recovery, ChannelRegistry channels,
                       DeadLetters deadLetters,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.bots = bots;
        this.recovery = recovery;
        this.channels = channels;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
    }

    void start(@Observes @Priority(10) StartupEvent ignored) {
        follower = TopicFollower.start(kafka, Topics.BOTS, "execution-service-bots", this);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (follower != null) {
            follower.close();
        }
    }

    /** True once bots.v1 was read to its end, the previous run's outbox published and the inputs resumed. */
    public boolean loaded() {
        return follower != null && follower.caughtUp() && inputsResumed;
    }

    public boolean isAlive() {
        return follower != null && follower.alive();
    }

    public String failure() {
        return follower == null ? null : follower.failure();
    }

    @Override
    public void caughtUp(long records, Duration took) {
        LOG.infof("Read %s to its end (%d records in %d ms): %d bot(s) known", Topics.BOTS, records, took.toMillis(), bots.size());
        recovery.recover(); // retried until it works; the inputs wait for it
        resumeInputs();
    }

    @Override
    public void failed(RuntimeException error, Duration pause) {
        LOG.errorf(error, "Following %s failed; starting over from its first offset in %d ms", Topics.BOTS, pause.toMillis());
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        switch (BotRecord.read(record.key(), record.value())) {
            case BotRecord.Unreadable unreadable -> {
                deadLetter(record, unreadable.reason());
                // As the indicator and signal stages take it: the bot whose latest record cannot be read is gone.
                if (record.key() != null && bots.update(record.key(), null)) {
                    LOG.warnf("Bot %s removed: its latest bots.v1 record is unreadable (%s)", record.key(), unreadable.reason());
                }
            }
            case BotRecord.Deleted deleted -> {
                if (bots.update(deleted.botId(), null)) {
                    LOG.infof("Bot %s deleted", deleted.botId());
                }
            }
            case BotRecord.Defined defined -> {
                BotDefinition bot = defined.bot();
                if (bots.update(bot.botId(), bot)) {
                    LOG.infof("Bot %s %s on %s (%s %s)", bot.botId(), bot.status(), bot.venue(), bot.symbol(),
                            bot.interval().code());
                }
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        deadLetters.send(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason);
    }

    private void resumeInputs() {
        inputsResumed = PausedChannels.resume(() -> channels.getPausable(INPUTS_CHANNEL), RESUME_RETRY);
    }
}
