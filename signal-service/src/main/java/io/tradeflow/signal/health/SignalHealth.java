package io.tradeflow.signal.health;

import io.tradeflow.signal.domain.Retrying;
import io.tradeflow.signal.messaging.BotFollower;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: every bot of bots.v1 is known, and no signal or state write is stuck retrying (Kafka or Redis away:
 * a restart would not help, so that is not liveness). Kafka's channel checks and the Redis client's check come from
 * their Quarkus extensions. Liveness: the thread that follows bots.v1 is alive.
 */
public final class SignalHealth {
    private SignalHealth() {
    }

    @Readiness
    @ApplicationScoped
    public static class Bots implements HealthCheck {
        private final BotFollower follower;

        public Bots(BotFollower follower) {
            this.follower = follower;
        }

        @Override
        public HealthCheckResponse call() {
            String failure = follower.failure();
            return HealthCheckResponse.named("bots-loaded")
                    .status(follower.loaded())
                    .withData("failure", failure == null ? "none" : failure)
                    .build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Writes implements HealthCheck {
        private final Retrying retrying;

        public Writes(Retrying retrying) {
            this.retrying = retrying;
        }

        @Override
        public HealthCheckResponse call() {
            String failure = retrying.failure();
            return HealthCheckResponse.named("signal-writes")
                    .status(failure == null)
                    .withData("failure", failure == null ? "none" : failure)
                    .build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Follower implements HealthCheck {
        private final BotFollower follower;

        public Follower(BotFollower follower) {
            this.follower = follower;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("bots-follower").status(follower.isAlive()).build();
        }
    }
}
