package io.tradeflow.marketdata.health;

import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.messaging.KlinePublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Liveness: DOWN once publishing has failed for good (a kline not handed to Kafka, or refused by it): a restart is
 * the way to resume without a hole. Readiness: DOWN then too, while klines wait for Kafka without progress (Kafka
 * down: the source is held back, at most {@code KlinePublisher.MAX_IN_FLIGHT} klines are buffered), and while
 * candle writes fail, so the stale cache is visible. Kafka's own channel checks and the Redis client's check come from their Quarkus extensions.
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
    public static class KafkaProgress implements HealthCheck {
        private final KlinePublisher publisher;
        private final MarketDataConfig config;

        public KafkaProgress(KlinePublisher publisher, MarketDataConfig config) {
            this.publisher = publisher;
            this.config = config;
        }

        @Override
        public HealthCheckResponse call() {
            Duration stalled = publisher.stalledFor();
            String failure = publisher.failure();
            return HealthCheckResponse.named("kafka-publishing")
                    .status(failure == null && stalled.compareTo(config.kafkaStallTimeout()) < 0)
                    .withData("inFlight", publisher.inFlight())
                    .withData("stalledMs", stalled.toMillis())
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
