package io.tradeflow.indicator.health;

import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.messaging.BotFollower;
import io.tradeflow.indicator.messaging.KlineProcessor;
import io.tradeflow.indicator.messaging.Retrier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN until bots.v1 has been read and the klines channel runs, and while a step of a kline (Redis
 * read or write) keeps failing. Liveness: the bots.v1 follower thread runs, and Kafka has not refused a snapshot for
 * good (then only a restart resumes in order). Kafka's channel checks and the Redis client's connection check come
 * from their Quarkus extensions.
 */
public final class IndicatorHealth {
    private IndicatorHealth() {
    }

    @Readiness
    @ApplicationScoped
    public static class Klines implements HealthCheck {
        private final BotFollower bots;
        private final Retrier retrier;
        private final IndicatorRequirements requirements;

        public Klines(BotFollower bots, Retrier retrier, IndicatorRequirements requirements) {
            this.bots = bots;
            this.retrier = retrier;
            this.requirements = requirements;
        }

        @Override
        public HealthCheckResponse call() {
            String failure = retrier.failure();
            return HealthCheckResponse.named("kline-processing")
                    .status(bots.ready() && failure == null)
                    .withData("botsRead", bots.ready())
                    .withData("runningBots", requirements.runningBots())
                    .withData("failing", failure == null ? "none" : failure)
                    .build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Bots implements HealthCheck {
        private final BotFollower bots;

        public Bots(BotFollower bots) {
            this.bots = bots;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("bots-follower").status(bots.alive()).build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Publishing implements HealthCheck {
        private final KlineProcessor processor;

        public Publishing(KlineProcessor processor) {
            this.processor = processor;
        }

        @Override
        public HealthCheckResponse call() {
            String refused = processor.refused();
            return HealthCheckResponse.named("snapshot-publishing").status(refused == null)
                    .withData("refused", refused == null ? "none" : refused).build();
        }
    }
}
