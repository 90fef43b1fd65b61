package io.tradeflow.position.health;

import io.tradeflow.position.messaging.Durable;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: no fill is stuck retrying its PostgreSQL write or its Kafka publish (a restart would not help, so
 * liveness is left to the Kafka and datasource checks of their extensions).
 */
@Readiness
@ApplicationScoped
public class PositionHealth implements HealthCheck {
    private final Durable durable;

    public PositionHealth(Durable durable) {
        this.durable = durable;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = durable.failure();
        return HealthCheckResponse.named("positions").status(failure == null)
                .withData("writes-failure", failure == null ? "none" : failure).build();
    }
}
