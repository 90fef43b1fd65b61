package io.tradeflow.signal.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.domain.SignalEngine;
import io.tradeflow.signal.metrics.SignalMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the whole compacted {@code bots.v1} from its first offset, in every instance, with a plain consumer
 * (no group) on a thread of its own. Why not a channel: snapshots must not be evaluated before every bot is known,
 * and "read to the end" is only reliable by comparing the consumer's position with the end offsets taken at start
 * (compaction leaves holes, so the last record's offset may never be seen). Once there, the paused
 * {@code indicators} channel is resumed. An unreadable record goes, unchanged, to {@code bots.v1.dlq}.
 */
@ApplicationScoped
public class BotFollower {
    private static final Logger LOG = Logger.getLogger(BotFollower.class);
    static final String INDICATORS_CHANNEL = "indicators";

    private final BotRegistry bots;
    private final SignalEngine engine;
    private final SignalMetrics metrics;
    private final ChannelRegistry channels;
    private final Emitter<byte[]> deadLetters;
    private final String bootstrapServers;
    private volatile boolean loaded;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    public BotFollower(BotRegistry bots, SignalEngine engine, SignalMetrics metrics, ChannelRegistry channels,
                       @Channel("bots-dlq") Emitter<byte[]> deadLetters,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bots = bots;
        this.engine = engine;
        this.metrics = metrics;
        this.channels = channels;
        this.deadLetters = deadLetters;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent ignored) {
        thread = Thread.ofPlatform().daemon().name("bots-v1-follower").start(this::followForever);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** True once bots.v1 has been read up to where it ended when the service started. */
    public boolean loaded() {
        return loaded;
    }

    public boolean isAlive() {
        return thread != null && thread.isAlive() || !running;
    }

    /** Why following bots.v1 stopped, or null while it runs. */
    public String failure() {
        return failure;
    }

    private void followForever() {
        long pause = 500;
        while (running) {
            try {
                follow();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                failure = e.getMessage();
                LOG.errorf(e, "Following %s failed; starting over from its first offset", Topics.BOTS);
                sleep(pause);
                pause = Math.min(pause * 2, 30_000);
            }
        }
    }

    private void follow() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var kafka = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = kafka.partitionsFor(Topics.BOTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException(Topics.BOTS + " has no partitions (does the topic exist?)");
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
            failure = null;
            while (running) {
                for (var record : kafka.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (!loaded && partitions.stream().allMatch(p -> kafka.position(p) >= ends.get(p))) {
                    loaded = true;
                    LOG.infof("Read %s to its end: %d bot(s) running; evaluating snapshots", Topics.BOTS, bots.runningCount());
                    resumeSnapshots();
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            deadLetter(record, "record without a key (bots.v1 is keyed by bot id)");
            return;
        }
        BotDefinition definition;
        try {
            definition = record.value() == null ? null : EventCodec.decode(record.value(), BotDefinition.class);
        } catch (RuntimeException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (definition != null && !definition.botId().equals(record.key())) {
            deadLetter(record, "key '" + record.key() + "' is not the botId '" + definition.botId() + "'");
            return;
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
        PausableChannel channel = channels.getPausable(INDICATORS_CHANNEL);
        while (channel == null && running) {
            sleep(100);
            channel = channels.getPausable(INDICATORS_CHANNEL);
        }
        if (channel != null) {
            channel.resume();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
