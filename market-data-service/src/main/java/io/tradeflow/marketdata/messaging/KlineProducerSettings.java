package io.tradeflow.marketdata.messaging;

import io.tradeflow.service.messaging.ClientSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of the producer of {@code market.klines.v1}, from the bottom up: the service's Kafka settings
 * ({@code kafka.*}: servers, TLS, SASL), {@link #DEFAULTS}, the operator's {@code tradeflow.market-data.producer.*},
 * and on top what publishing relies on: the keys and values as {@link KlinePublisher} hands them, and the idempotent
 * producer with {@code acks=all}, so Kafka's own retries neither lose, duplicate nor reorder a kline (Kafka's
 * producer configuration docs, {@code enable.idempotence}).
 */
final class KlineProducerSettings {
    /**
     * {@code linger.ms} 5 puts a live minute's klines into one request (docs/benchmarks.md, "Third pass");
     * {@code batch.size} 256 KB sends a backlog in fewer, larger requests (about 10 to 14 % less CPU per kline over
     * the pipeline, "Fourth pass"); {@code max.block.ms} 10 s is how long a send waits for Kafka's metadata before
     * {@link KlinePublisher} says so and tries again (Kafka's default is a minute).
     */
    static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "market-data-klines",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, "262144",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");

    private static final Map<String, Object> FIXED = Map.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.ACKS_CONFIG, "all");

    private KlineProducerSettings() {
    }

    /**
     * @param kafka the service's Kafka settings by Kafka's names
     * @param overrides the operator's producer settings by Kafka's names
     * @throws IllegalArgumentException when no layer has {@code bootstrap.servers}
     */
    static Map<String, Object> of(Map<String, ?> kafka, Map<String, String> overrides) {
        Map<String, Object> own = new HashMap<>(DEFAULTS);
        own.putAll(overrides);
        own.putAll(FIXED);
        Map<String, Object> base = new HashMap<>(kafka);
        if (own.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            base.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, own.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        }
        return ClientSettings.of(base, own);
    }
}
