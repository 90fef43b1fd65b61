package io.tradeflow.signal.messaging;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.signal.config.SignalConfig;
import io.tradeflow.signal.domain.PublishedSignals;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the newest records of every {@code signals.v1} partition into {@link PublishedSignals}: each bot's newest
 * published kline. Every partition, not only this instance's: signals are keyed by symbol, so whichever partitions
 * this instance gets, their bots' signals are on the same partition numbers.
 */
@ApplicationScoped
public class PublishedSignalsRestore {
    private static final Logger LOG = Logger.getLogger(PublishedSignalsRestore.class);

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
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long read = 0;
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SIGNALS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - recordsPerPartition));
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    try {
                        SignalGenerated signal = EventCodec.decode(record.value(), SignalGenerated.class);
                        published.record(signal);
                    } catch (EventDecodingException | NullPointerException e) {
                        LOG.warnf("Skipping an unreadable record at %s-%d offset %d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        LOG.infof("Read %d published signals back from %s in %d ms", read, Topics.SIGNALS, (System.nanoTime() - started) / 1_000_000);
    }
}
