package io.tradeflow.execution.health;

import io.tradeflow.execution.binance.BinanceVenues;
import io.tradeflow.execution.messaging.BotFollower;
import io.tradeflow.execution.messaging.Durable;
import io.tradeflow.execution.messaging.ExecutionState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Readiness: every bot of bots.v1 is known, and no step is stuck retrying its PostgreSQL write or its Kafka publish.
 * PostgreSQL's and Kafka's own checks come from their Quarkus extensions. The number of klines and signals waiting
 * for signal-service's watermark is reported, not judged (a max-speed replay legitimately runs klines far ahead).
 * Liveness: the thread that follows bots.v1 is alive.
 */
public final class ExecutionHealth {
    private ExecutionHealth() {
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        private final BotFollower follower;
        private final Durable durable;
        private final ExecutionState state;
        private final BinanceVenues binance;

        public Ready(BotFollower follower, Durable durable, ExecutionState state, BinanceVenues binance) {
            this.follower = follower;
            this.durable = durable;
            this.state = state;
            this.binance = binance;
        }

        @Override
        public HealthCheckResponse call() {
            String bots = follower.failure();
            String writes = durable.failure();
            // A configured Binance account that cannot trade (stream down, hedge mode) makes the service unready.
            Map<String, String> accounts = binance.status();
            boolean accountsOk = accounts.values().stream().allMatch("ok"::equals);
            HealthCheckResponseBuilder response = HealthCheckResponse.named("execution");
            accounts.forEach((name, problem) -> response.withData("binance-" + name, problem));
            return response
                    .status(follower.loaded() && writes == null && accountsOk)
                    .withData("bots-loaded", follower.loaded())
                    .withData("bots-failure", bots == null ? "none" : bots)
                    .withData("writes-failure", writes == null ? "none" : writes)
                    .withData("waiting-for-watermark", state.waiting())
                    .withData("oldest-waiting-open-time", state.oldestWaiting())
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
