package io.tradeflow.signal.health;

import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.service.stream.StreamsLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Readiness: UP once Kafka Streams runs, i.e. bots.v1 was read whole into the global store (no snapshot meets an
 * unknown bot), the bots' states restored and partitions assigned; a later rebalance still counts; DOWN while the
 * stream thread keeps failing without a commit ({@link StreamsLifecycle#stuck()}). Liveness and the
 * topics check come from {@code quarkus-kafka-streams}.
 */
@Readiness
@ApplicationScoped
public class SignalHealth implements HealthCheck {
    private final Instance<KafkaStreams> streams;
    private final StreamsLifecycle lifecycle;
    private final BotRegistry bots;

    public SignalHealth(Instance<KafkaStreams> streams, StreamsLifecycle lifecycle, BotRegistry bots) {
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.bots = bots;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = StreamsLifecycle.state(streams);
        Optional<String> stuck = lifecycle.stuck();
        return HealthCheckResponse.named("bots-loaded")
                .status(lifecycle.processing(state) && stuck.isEmpty())
                .withData("streams", state.name())
                .withData("runningBots", bots.runningCount())
                .withData("stuck", stuck.orElse("no"))
                .build();
    }
}
