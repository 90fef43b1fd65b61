package io.tradeflow.indicator.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.messaging.BotRecord;
import io.tradeflow.core.messaging.TopicFollower;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import io.tradeflow.service.messaging.PausedChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Follows the compacted {@code bots.v1} from its start, on every instance, and keeps {@link IndicatorRequirements}
 * up to date with what each running bot's strategy reads. A {@link TopicFollower} rather than a channel because the
 * start must know when the topic has been read to its end: only then is the klines channel resumed, so the first
 * snapshots after a start already carry every running bot's indicators.
 *
 * <p>An unreadable record is logged and skipped here, not dead-lettered: every instance reads the whole topic at
 * every start, so each would dead-letter the same record again (market-data-service already does, once per start).
 */
@ApplicationScoped
public class BotFollower implements TopicFollower.Listener {
    private static final Logger LOG = Logger.getLogger(BotFollower.class);
    static final String KLINES_CHANNEL = "klines";
    private static final Duration RESUME_RETRY = Duration.ofMillis(100);

    private final IndicatorRequirements requirements;
    private final ChannelRegistry channels;
    private final IndicatorMetrics metrics;
    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    private final Map<String, Object> kafka;
    private volatile boolean klinesResumed;
    private TopicFollower follower;

    public BotFollower(IndicatorRequirements requirements, ChannelRegistry channels, IndicatorMetrics metrics,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.requirements = requirements;
        this.channels = channels;
        this.metrics = metrics;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent ignored) {
        follower = TopicFollower.start(kafka, Topics.BOTS, "indicator-service-bots", this);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (follower != null) {
            follower.close();
        }
    }

    /** True once bots.v1 was read to the end offsets it had at start and the klines channel runs. */
    public boolean ready() {
        return follower != null && follower.caughtUp() && klinesResumed;
    }

    public boolean alive() {
        return follower != null && follower.alive();
    }

    @Override
    public void caughtUp(long records, Duration took) {
        LOG.infof("Read %s to its end (%d records, %d running bots) in %d ms", Topics.BOTS, records,
                requirements.runningBots(), took.toMillis());
        if (PausedChannels.resume(() -> channels.getPausable(KLINES_CHANNEL), RESUME_RETRY)) {
            klinesResumed = true;
            LOG.info("Klines channel resumed");
        }
    }

    @Override
    public void failed(RuntimeException error, Duration pause) {
        LOG.errorf(error, "Reading %s failed; starting over from its beginning in %d ms", Topics.BOTS, pause.toMillis());
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        BotDefinition bot;
        switch (BotRecord.read(record)) {
            case BotRecord.Unreadable unreadable -> {
                metrics.botIgnored();
                LOG.warnf("Unreadable bot record %s-%d@%d (key %s) ignored: %s", record.topic(), record.partition(),
                        record.offset(), record.key(), unreadable.reason());
                return;
            }
            case BotRecord.Deleted deleted -> {
                requirements.botGone(deleted.botId());
                return;
            }
            case BotRecord.Defined defined -> bot = defined.bot();
        }
        if (bot.status() != BotStatus.RUNNING) {
            requirements.botGone(bot.botId());
            return;
        }
        try {
            Set<String> indicators = BotStrategy.of(bot).indicators();
            requirements.botRunning(bot.botId(), new SeriesKey(bot.symbol(), bot.interval()), indicators);
            LOG.debugf("Bot %s (%s %s) needs %s", bot.botId(), bot.symbol().value(), bot.interval().code(), indicators);
        } catch (InvalidParameterException e) {
            // signal-service refuses the same bot, so computing for it would be wasted.
            metrics.botIgnored();
            requirements.botGone(bot.botId());
            LOG.warnf("Bot %s ignored, its strategy cannot run: %s (%s)", bot.botId(), e.getMessage(), e.parameter());
        }
    }
}
