package io.tradeflow.signal.config;

import io.smallrye.config.ConfigMapping;

/** Every setting of the service, under {@code tradeflow.signal}; each can also be set as an environment variable. */
@ConfigMapping(prefix = "tradeflow.signal")
public interface SignalConfig {

    /**
     * This instance's name in the consumer group (Kafka's static membership, {@code group.instance.id}) and the name
     * of its local state folder; unique per running instance, stable across its restarts. Defaults to
     * {@code HOSTNAME} (a Kubernetes pod's name), else {@code signal-service-0}.
     */
    String instanceId();
}
