package io.tradeflow.indicator.stream;

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
 * What the service adds to {@code quarkus-kafka-streams}' own start and stop.
 *
 * <p>A stream thread that fails (a kline whose warm-up kept failing, an unexpected error) is replaced: its task
 * starts again from the last commit, the aborted transaction having taken its uncommitted snapshots with it.
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

    /** True once Kafka Streams has been RUNNING: the global table read, the state restored, partitions assigned. */
    public boolean ranOnce() {
        return ranOnce;
    }

    @Produces
    KafkaStreams.StateListener stateChanges() {
        return (now, before) -> {
            LOG.infof("Kafka Streams %s -> %s", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                ranOnce = true;
            }
        };
    }

    @Produces
    StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return error -> {
            LOG.errorf(error, "A stream thread failed; it is replaced and its tasks start again from their last commit");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    void leaveGroup(@Observes @Priority(1) ShutdownEvent ignored, Instance<KafkaStreams> streams) {
        if (streams.isResolvable()) {
            KafkaStreams running = streams.get();
            LOG.info("Leaving the consumer group and stopping Kafka Streams");
            running.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
        }
    }
}
