package io.tradeflow.marketdata.messaging;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import io.tradeflow.marketdata.domain.PublishedKlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where publishing stopped, read back from the tail of {@code market.klines.v1} when the service starts, so that a
 * restarted service neither republishes a kline nor skips one (the Binance source backfills from there).
 */
@ApplicationScoped
public class PublishedKlinesRestore {
    private static final Logger LOG = Logger.getLogger(PublishedKlinesRestore.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** How far back each partition is read; enough to find every pair's newest kline when pairs are many. */
    @ConfigProperty(name = "tradeflow.market-data.restore.records-per-partition", defaultValue = "200000")
    long recordsPerPartition;

    /** How long the first answer from Kafka may take before the service gives up starting. */
    @ConfigProperty(name = "tradeflow.market-data.restore.timeout", defaultValue = "15s")
    Duration timeout;

    @Produces
    @Singleton
    PublishedKlines publishedKlines() {
        PublishedKlines published = new PublishedKlines();
        long started = System.nanoTime();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        long read = 0;
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer);
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
                        KlineClosed kline = EventCodec.decode(record.value(), KlineClosed.class);
                        published.record(PublishedKlines.pairOf(kline.kline()), kline.openTime());
                    } catch (EventDecodingException e) {
                        LOG.warnf("Skipping an unreadable record at %s-%d offset %d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        LOG.infof("Read %d published klines back from %s in %d ms", read, Topics.KLINES, (System.nanoTime() - started) / 1_000_000);
        return published;
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> consumer) {
        try {
            var partitions = consumer.partitionsFor(Topics.KLINES, timeout);
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + Topics.KLINES + " does not exist on Kafka at " + bootstrapServers
                        + "; create it (bin/devstack creates every topic) before starting market-data-service");
            }
            return partitions.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        } catch (TimeoutException e) {
            // Without the topic's tail the service could republish or skip klines, so it must not start blind.
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds()
                    + " s; start it (bin/devstack) or point kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) at it", e);
        }
    }
}
