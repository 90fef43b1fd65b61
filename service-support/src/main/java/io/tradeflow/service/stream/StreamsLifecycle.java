package io.tradeflow.service.stream;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * What a Tradeflow stage adds to {@code quarkus-kafka-streams}' own start and stop; each service hands these to
 * the extension from a small CDI bean of its own.
 *
 * <p>A stream thread that fails (a step that kept failing, an unexpected error) is replaced: its tasks start again
 * from their last commit, the aborted transaction having taken their uncommitted output with it.
 *
 * <p>On a clean stop the instance leaves its consumer group before Quarkus closes Kafka Streams: a static member
 * ({@code group.instance.id}) that just closes keeps its partitions until its session times out, and the other
 * instances would wait that long to take them over.
 */
public final class StreamsLifecycle {
    private static final Logger LOG = Logger.getLogger(StreamsLifecycle.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private volatile boolean ranOnce;

    /** Logs every state change and remembers the first RUNNING. */
    public KafkaStreams.StateListener stateListener() {
        return (now, before) -> {
            LOG.infof("Kafka Streams %s -> %s", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                ranOnce = true;
            }
        };
    }

    public StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return error -> {
            LOG.errorf(error, "A stream thread failed; it is replaced and its tasks start again from their last commit");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    /** Closes {@code streams} leaving the group; Quarkus' own close afterwards finds it closed. */
    public void leaveGroup(KafkaStreams streams) {
        LOG.info("Leaving the consumer group and stopping Kafka Streams");
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
    }

    /**
     * Ready to process: RUNNING (the global tables read, the state restored, partitions assigned), or rebalancing
     * after having run once (a later rebalance is routine, not a reason to take the instance out of service).
     */
    public boolean processing(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING && ranOnce;
    }
}
