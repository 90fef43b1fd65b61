package io.tradeflow.marketdata.health;

import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.messaging.KlinePublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness: DOWN once Kafka has refused a kline for good (a restart is the way to resume without a hole).
 * Readiness also covers Redis: DOWN while candle writes fail, so the stale cache is visible. Kafka's own channel
 * checks and the Redis client's check come from their Quarkus extensions.
 */
public final class PublishingHealth {
    private PublishingHealth() {
    }

    @Liveness
    @ApplicationScoped
    public static class Publishing implements HealthCheck {
        private final KlinePublisher publisher;

        public Publishing(KlinePublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public HealthCheckResponse call() {
            String failure = publisher.failure();
            return HealthCheckResponse.named("kline-publishing")
                    .status(failure == null)
                    .withData("inFlight", publisher.inFlight())
                    .withData("failure", failure == null ? "none" : failure)
                    .build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Candles implements HealthCheck {
        private final CandleStore candles;

        public Candles(CandleStore candles) {
            this.candles = candles;
        }

        @Override
        public HealthCheckResponse call() {
            String error = candles.lastError();
            return HealthCheckResponse.named("redis-candles")
                    .status(error == null)
                    .withData("backlog", candles.backlog())
                    .withData("lastError", error == null ? "none" : error)
                    .build();
        }
    }
}
