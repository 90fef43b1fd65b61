package io.tradeflow.service.stream;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Tradeflow stage adds to {@code quarkus-kafka-streams}' own start and stop: a CDI bean whose producers the
 * extension picks up. A stage makes it a bean by indexing this module ({@code quarkus.index-dependency.service-support.*}
 * in its application.properties); the other services leave it out, as they have no Kafka Streams.
 *
 * <p>A stream thread that fails (a step that kept failing, an unexpected error) is replaced: its tasks start again
 * from their last commit, the aborted transaction having taken their uncommitted output with it. Threads that keep
 * failing with no commit in between make the stage {@link #stuck()}, which its readiness check reports.
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
    private final ThreadFailures failures = new ThreadFailures();
    private final Instance<KafkaStreams> streams;

    public StreamsLifecycle(Instance<KafkaStreams> streams) {
        this.streams = streams;
    }

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
            // Runs on the failing thread, whose metrics go with it: the rest's commits are the baseline of progress.
            failures.failed(error, commits(Thread.currentThread().getName()));
            LOG.errorf(error, "A stream thread failed; it is replaced and its tasks start again from their last commit");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    /**
     * Closes Kafka Streams leaving the group, before Quarkus' own close (which then finds it closed); priority 1, so
     * a stage's own stop observers at a lower number (a retry loop that must end first) run before it.
     */
    void leaveGroup(@Observes @Priority(1) ShutdownEvent ignored) {
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

    /**
     * Why the stage is stuck, when its stream threads keep failing without a commit in between
     * ({@link ThreadFailures}); empty while it makes progress.
     */
    public Optional<String> stuck() {
        return failures.stuck(commits(null));
    }

    /**
     * Kafka Streams' {@code commit-total} summed over the running stream threads, but the one named {@code except}
     * (none when null).
     */
    private double commits(String except) {
        if (!streams.isResolvable()) {
            return 0;
        }
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.get().metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("commit-total") && name.group().equals("stream-thread-metrics")
                    && !Objects.equals(name.tags().get("thread-id"), except)
                    && metric.getValue().metricValue() instanceof Number commits) {
                total += commits.doubleValue();
            }
        }
        return total;
    }

    /** The state of the stage's Kafka Streams, CREATED while the extension has not made it yet. */
    public static KafkaStreams.State state(Instance<KafkaStreams> streams) {
        return streams.isResolvable() ? streams.get().state() : KafkaStreams.State.CREATED;
    }
}
