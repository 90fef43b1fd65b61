package io.tradeflow.indicator.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.tradeflow.indicator.config.IndicatorConfig;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Repeats a Redis read of a kline's warm-up until it succeeds, for at most {@code retry.give-up-after}: meanwhile the
 * kline waits (readiness DOWN); past it {@link GaveUp} fails the stream thread, which Kafka Streams replaces, and the
 * task starts again from its last commit (its uncommitted snapshots aborted) and so tries again. Bounded so that an
 * open transaction never outlives its timeout, which the broker would abort under the thread's feet.
 */
@ApplicationScoped
public class Retrier {
    private static final Logger LOG = Logger.getLogger(Retrier.class);

    /** The service is stopping: the kline in progress is left uncommitted, a restart processes it again. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopping", null, false, false);
        }
    }

    /** A step kept failing for longer than {@code retry.give-up-after}. */
    public static final class GaveUp extends RuntimeException {
        GaveUp(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final IndicatorMetrics metrics;
    private final long minBackoffMillis;
    private final long maxBackoffMillis;
    private final long giveUpAfterNanos;
    private volatile String failure;
    private volatile boolean stopping;

    public Retrier(IndicatorMetrics metrics, IndicatorConfig config) {
        this.metrics = metrics;
        this.minBackoffMillis = Math.max(1, config.retry().minBackoff().toMillis());
        this.maxBackoffMillis = Math.max(minBackoffMillis, config.retry().maxBackoff().toMillis());
        this.giveUpAfterNanos = config.retry().giveUpAfter().toNanos();
    }

    /** Before Kafka Streams is closed (priority 1), so a kline waiting for Redis ends at once and the close goes on. */
    void stop(@Observes @Priority(0) ShutdownEvent ignored) {
        stopping = true;
    }

    public <T> T untilDone(String step, Supplier<T> action) {
        long backoff = minBackoffMillis;
        long started = System.nanoTime();
        while (true) {
            if (stopping) {
                throw new Stopped();
            }
            try {
                T result = action.get();
                if (failure != null) {
                    LOG.infof("%s works again", step);
                    failure = null;
                }
                return result;
            } catch (RuntimeException e) {
                metrics.retried(step);
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (failure == null) {
                    LOG.errorf("%s failed (%s); the kline waits, uncommitted, and is retried", step, message);
                }
                failure = step + ": " + message;
                if (System.nanoTime() - started > giveUpAfterNanos) {
                    throw new GaveUp(step + " failed for longer than retry.give-up-after; the task starts again from its last commit", e);
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
            backoff = Math.min(backoff * 2, maxBackoffMillis);
        }
    }

    /** What is failing right now, or null. */
    public String failure() {
        return failure;
    }
}
