package io.tradeflow.indicator.health;

import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.stream.Retrier;
import io.tradeflow.service.stream.StreamsLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Readiness: UP once Kafka Streams runs (bots.v1 read into the global store, the state restored, partitions
 * assigned; a later rebalance still counts), while no kline's Redis warm-up keeps failing, and while the stream
 * thread does not keep failing without a commit (a snapshot Kafka refuses: {@link StreamsLifecycle#stuck()}).
 * Liveness and the topics check come from {@code quarkus-kafka-streams}, the Redis client's check from its
 * extension.
 */
@Readiness
@ApplicationScoped
public class IndicatorHealth implements HealthCheck {
    private final Instance<KafkaStreams> streams;
    private final Retrier retrier;
    private final IndicatorRequirements requirements;
    private final StreamsLifecycle lifecycle;

    public IndicatorHealth(Instance<KafkaStreams> streams, Retrier retrier, IndicatorRequirements requirements,
                           StreamsLifecycle lifecycle) {
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.retrier = retrier;
        this.requirements = requirements;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = StreamsLifecycle.state(streams);
        String failure = retrier.failure();
        boolean running = lifecycle.processing(state);
        Optional<String> stuck = lifecycle.stuck();
        return HealthCheckResponse.named("kline-processing")
                .status(running && failure == null && stuck.isEmpty())
                .withData("streams", state.name())
                .withData("runningBots", requirements.runningBots())
                .withData("failing", failure == null ? "none" : failure)
                .withData("stuck", stuck.orElse("no"))
                .build();
    }
}
