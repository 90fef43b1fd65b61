package io.tradeflow.service.stream;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * What a Tradeflow stage adds to {@code quarkus-kafka-streams}' own start and stop: a CDI bean whose producers the
 * extension picks up. A stage makes it a bean by indexing this module ({@code quarkus.index-dependency.service-support.*}
 * in its application.properties); the other services leave it out, as they have no Kafka Streams.
 *
 * <p>A stream thread that fails (a step that kept failing, an unexpected error) is replaced: its tasks start again
 * from their last commit, the aborted transaction having taken their uncommitted output with it.
 *
 * <p>On a clean stop the instance leaves its consumer group before Quarkus closes Kafka Streams: a static member
 * ({@code group.instance.id}) that just closes keeps its partitions until its session times out, and the other
 * instances would wait that long to take them over.
 */
@ApplicationScoped
public class StreamsLifecycle {
    private static final Logger LOG = Logger.getLogger(StreamsLifecycle.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private volatile boolean ranOnce;

    /** Logs every state change and remembers the first RUNNING. */
    @Produces
    public KafkaStreams.StateListener stateListener() {
        return (now, before) -> {
            LOG.infof("Kafka Streams %s -> %s", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                ranOnce = true;
            }
        };
    }

    @Produces
    public StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return error -> {
            LOG.errorf(error, "A stream thread failed; it is replaced and its tasks start again from their last commit");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    /**
     * Closes Kafka Streams leaving the group, before Quarkus' own close (which then finds it closed); priority 1, so
     * a stage's own stop observers at a lower number (a retry loop that must end first) run before it.
     */
    void leaveGroup(@Observes @Priority(1) ShutdownEvent ignored, Instance<KafkaStreams> streams) {
        if (streams.isResolvable()) {
            LOG.info("Leaving the consumer group and stopping Kafka Streams");
            streams.get().close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
        }
    }

    /**
     * Ready to process: RUNNING (the global tables read, the state restored, partitions assigned), or rebalancing
     * after having run once (a later rebalance is routine, not a reason to take the instance out of service).
     */
    public boolean processing(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING && ranOnce;
    }

    /** The state of the stage's Kafka Streams, CREATED while the extension has not made it yet. */
    public static KafkaStreams.State state(Instance<KafkaStreams> streams) {
        return streams.isResolvable() ? streams.get().state() : KafkaStreams.State.CREATED;
    }
}
