package io.tradeflow.marketdata.messaging;

import io.smallrye.common.annotation.Identifier;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import io.tradeflow.service.messaging.TopicTail;
import io.tradeflow.marketdata.domain.PublishedKlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * Where publishing stopped, read back from the tail of {@code market.klines.v1} when the service starts, so that a
 * restarted service neither republishes a kline nor skips one (the Binance source backfills from there).
 */
@ApplicationScoped
public class PublishedKlinesRestore {
    private static final Logger LOG = Logger.getLogger(PublishedKlinesRestore.class);

    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

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
        // Without the topic's tail the service could republish or skip klines, so an unreachable Kafka stops the start.
        long read = TopicTail.read(kafka, Topics.KLINES, recordsPerPartition, timeout, record -> {
            try {
                KlineClosed kline = EventCodec.decode(record.value(), KlineClosed.class);
                published.record(PublishedKlines.pairOf(kline.kline()), kline.openTime());
            } catch (EventDecodingException e) {
                LOG.warnf("Skipping an unreadable record at %s-%d offset %d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        });
        LOG.infof("Read %d published klines back from %s in %d ms", read, Topics.KLINES, (System.nanoTime() - started) / 1_000_000);
        return published;
    }
}
