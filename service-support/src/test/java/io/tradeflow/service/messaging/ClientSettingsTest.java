package io.tradeflow.service.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hand-built client takes the service's Kafka settings (TLS, SASL) as its channels do, under its own few. */
class ClientSettingsTest {
    private static final Map<String, Object> SASL_CLUSTER = Map.of("bootstrap.servers", "kafka-1:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "enable.auto.commit", "true");

    @Test
    void theFollowerConnectsWithTheServicesSecuritySettingsAndItsOwnReadingRules() {
        TopicFollower follower = TopicFollower.start(SASL_CLUSTER, "bots.v1", "test-bots", new Ignoring());
        try {
            assertThat(follower.settings()).containsEntry("bootstrap.servers", "kafka-1:9093")
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("isolation.level", "read_committed").containsEntry("client.id", "test-bots")
                    .as("the reader's own rule wins").containsEntry("enable.auto.commit", false);
        } finally {
            follower.close();
        }
    }

    @Test
    void settingsWithoutBootstrapServersAreRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> ClientSettings.of(Map.of("security.protocol", "SSL"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka.bootstrap.servers");
    }

    private static final class Ignoring implements TopicFollower.Listener {
        @Override
        public void record(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        }

        @Override
        public void caughtUp(long records, Duration took) {
        }

        @Override
        public void failed(RuntimeException error, Duration pause) {
        }
    }
}
