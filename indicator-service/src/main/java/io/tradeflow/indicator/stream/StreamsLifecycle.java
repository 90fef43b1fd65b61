package io.tradeflow.indicator.stream;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/** Hands service-support's {@link io.tradeflow.service.stream.StreamsLifecycle} to {@code quarkus-kafka-streams}. */
@ApplicationScoped
public class StreamsLifecycle {
    private final io.tradeflow.service.stream.StreamsLifecycle lifecycle = new io.tradeflow.service.stream.StreamsLifecycle();

    /** See {@link io.tradeflow.service.stream.StreamsLifecycle#processing}. */
    public boolean processing(KafkaStreams.State state) {
        return lifecycle.processing(state);
    }

    @Produces
    KafkaStreams.StateListener stateChanges() {
        return lifecycle.stateListener();
    }

    @Produces
    StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return lifecycle.replaceFailedThreads();
    }

    void leaveGroup(@Observes @Priority(1) ShutdownEvent ignored, Instance<KafkaStreams> streams) {
        if (streams.isResolvable()) {
            lifecycle.leaveGroup(streams.get());
        }
    }
}
