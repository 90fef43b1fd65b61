package io.tradeflow.marketdata.messaging;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tradeflow.marketdata.config.MarketDataConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The kline producer's settings: the service's Kafka settings, the defaults, the operator's, and the fixed rules. */
class KlineProducerSettingsTest {
    private static final Map<String, Object> SASL_CLUSTER = Map.of("bootstrap.servers", "kafka-1:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "acks", "1");

    @Test
    void theOperatorsProducerSettingsByKafkasNamesGoOverTheDefaultsButNotOverWhatPublishingReliesOn() {
        MarketDataConfig config = config(Map.of(
                "tradeflow.market-data.producer.linger.ms", "20",
                "tradeflow.market-data.producer.enable.idempotence", "false",
                "tradeflow.market-data.producer.value.serializer", "org.apache.kafka.common.serialization.StringSerializer"));

        Map<String, Object> settings = KlineProducerSettings.of(SASL_CLUSTER, config.producer());

        assertThat(settings).containsEntry("bootstrap.servers", "kafka-1:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("linger.ms", "20").containsEntry("batch.size", "262144").containsEntry("compression.type", "lz4")
                .as("fixed").containsEntry("enable.idempotence", "true").containsEntry("acks", "all")
                .containsEntry("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    }

    @Test
    void theProducerAloneCanPointElsewhere() {
        MarketDataConfig config = config(Map.of("tradeflow.market-data.producer.bootstrap.servers", "127.0.0.1:1"));

        assertThat(KlineProducerSettings.of(SASL_CLUSTER, config.producer()))
                .containsEntry("bootstrap.servers", "127.0.0.1:1").containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void withoutOwnSettingsTheDefaultsApply() {
        assertThat(KlineProducerSettings.of(SASL_CLUSTER, config(Map.of()).producer()))
                .containsAllEntriesOf(KlineProducerSettings.DEFAULTS);
    }

    /**
     * SmallRye Config finds a map key with dots in an environment variable only in its quoted form: the quotes of
     * {@code tradeflow.market-data.producer."linger.ms"} become underscores (README.md says so).
     */
    @Test
    void anEnvironmentVariableSetsAProducerSettingInTheQuotedForm() {
        assertThat(KlineProducerSettings.of(SASL_CLUSTER, fromEnvironment("TRADEFLOW_MARKET_DATA_PRODUCER__LINGER_MS_", "20").producer()))
                .containsEntry("linger.ms", "20");
        assertThat(fromEnvironment("TRADEFLOW_MARKET_DATA_PRODUCER_LINGER_MS", "20").producer())
                .as("the unquoted form names no key").isEmpty();
    }

    private static MarketDataConfig fromEnvironment(String name, String value) {
        return new SmallRyeConfigBuilder().withMapping(MarketDataConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(Map.of(name, value), 300)).build()
                .getConfigMapping(MarketDataConfig.class);
    }

    private static MarketDataConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(MarketDataConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(MarketDataConfig.class);
    }
}
