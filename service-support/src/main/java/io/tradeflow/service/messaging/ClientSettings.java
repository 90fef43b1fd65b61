package io.tradeflow.service.messaging;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of a hand-built Kafka client (a consumer or a producer): the service's own Kafka client settings (what
 * its channels use: the bootstrap servers and any TLS or SASL settings, e.g. Quarkus' {@code default-kafka-broker}
 * map of {@code kafka.*}), under the few settings the client itself needs. Without the former, a client would work on
 * a plaintext devstack and fail on a cluster that requires authentication.
 */
public final class ClientSettings {
    private ClientSettings() {
    }

    /**
     * {@code kafka} (keys as Kafka names them: {@code bootstrap.servers}, {@code security.protocol}, ...) with
     * {@code own} on top.
     *
     * @throws IllegalArgumentException when {@code kafka} has no {@code bootstrap.servers}
     */
    public static Map<String, Object> of(Map<String, ?> kafka, Map<String, Object> own) {
        if (kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("The Kafka settings have no bootstrap.servers: set kafka.bootstrap.servers"
                    + " (KAFKA_BOOTSTRAP_SERVERS)");
        }
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putAll(own);
        return settings;
    }

    /** Settings with only the bootstrap servers: a plaintext cluster, e.g. the devstack. */
    static Map<String, Object> plaintext(String bootstrapServers) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /** Where these settings point, for messages. */
    static String servers(Map<String, ?> kafka) {
        return String.valueOf(kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }
}
