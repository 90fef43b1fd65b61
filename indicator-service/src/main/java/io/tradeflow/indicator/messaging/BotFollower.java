package io.tradeflow.indicator.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the compacted {@code bots.v1} from its start, on every instance, and keeps {@link IndicatorRequirements}
 * up to date with what each running bot's strategy reads. A plain consumer rather than a channel because the start
 * must know when the topic has been read to its end: only then is the klines channel resumed, so the first
 * snapshots after a start already carry every running bot's indicators.
 *
 * <p>An unreadable record is logged and skipped here, not dead-lettered: every instance reads the whole topic at
 * every start, so each would dead-letter the same record again (market-data-service already does, once per start).
 */
@ApplicationScoped
public class BotFollower {
    private static final Logger LOG = Logger.getLogger(BotFollower.class);
    static final String KLINES_CHANNEL = "klines";

    private final IndicatorRequirements requirements;
    private final ChannelRegistry channels;
    private final IndicatorMetrics metrics;
    private final String bootstrapServers;
    private volatile boolean caughtUp;
    private volatile boolean klinesResumed;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public BotFollower(IndicatorRequirements requirements, ChannelRegistry channels, IndicatorMetrics metrics,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.requirements = requirements;
        this.channels = channels;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent ignored) {
        thread = Thread.ofPlatform().daemon().name("bots-follower").start(this::follow);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** True once bots.v1 was read to the end offsets it had at start and the klines channel runs. */
    public boolean ready() {
        return caughtUp && klinesResumed;
    }

    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    private void follow() {
        long backoff = 500;
        while (running) {
            try (var kafka = new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                readForever(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reading %s failed; starting over from its beginning in %d ms", Topics.BOTS, backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void readForever(KafkaConsumer<String, byte[]> kafka) {
        long started = System.nanoTime();
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.BOTS, Duration.ofSeconds(60)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
        long read = 0;
        while (running) {
            if (!caughtUp && partitions.stream().allMatch(p -> kafka.position(p) >= ends.get(p))) {
                caughtUp = true;
                LOG.infof("Read %s to its end (%d records, %d running bots) in %d ms", Topics.BOTS, read,
                        requirements.runningBots(), (System.nanoTime() - started) / 1_000_000);
            }
            if (caughtUp && !klinesResumed) {
                klinesResumed = resumeKlines();
            }
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(caughtUp ? 1000 : 200))) {
                read++;
                apply(record);
            }
        }
    }

    private boolean resumeKlines() {
        PausableChannel klines = channels.getPausable(KLINES_CHANNEL);
        if (klines == null) {
            return false; // the channel is not wired yet; asked again after the next poll
        }
        klines.resume();
        LOG.info("Klines channel resumed");
        return true;
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            requirements.botGone(record.key());
            return;
        }
        BotDefinition bot;
        try {
            bot = EventCodec.decode(record.value(), BotDefinition.class);
        } catch (EventDecodingException e) {
            metrics.botIgnored();
            LOG.warnf("Unreadable bot record %s-%d@%d (key %s) ignored: %s", record.topic(), record.partition(), record.offset(),
                    record.key(), e.getMessage());
            return;
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

    private Map<String, Object> properties() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "indicator-service-bots");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
