package io.tradeflow.gateway.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code tradeflow.gateway.health.*}: how {@code GET /api/v1/health} asks the services. */
@ConfigMapping(prefix = "tradeflow.gateway.health")
public interface HealthConfig {
    /** How long each service's {@code /q/health/ready} may take (connect and answer); past it, it counts as DOWN. */
    @WithDefault("2s")
    Duration timeout();
}
