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
        long read = 0;
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.KLINES, Duration.ofSeconds(30)).stream()
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
}
