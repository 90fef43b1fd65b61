package io.tradeflow.indicator.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.tradeflow.indicator.config.IndicatorConfig;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Repeats a step of a kline (Redis read or write, Kafka publish) until it succeeds. A kline is never skipped and
 * never committed half done: while a step fails the kline waits, readiness is DOWN, and the Kafka consumer's
 * commit stops advancing. When the service stops meanwhile, {@link Stopped} ends the kline without a commit.
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

    private final IndicatorMetrics metrics;
    private final long minBackoffMillis;
    private final long maxBackoffMillis;
    private volatile String failure;
    private volatile boolean stopping;

    public Retrier(IndicatorMetrics metrics, IndicatorConfig config) {
        this.metrics = metrics;
        this.minBackoffMillis = Math.max(1, config.retry().minBackoff().toMillis());
        this.maxBackoffMillis = Math.max(minBackoffMillis, config.retry().maxBackoff().toMillis());
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
    }

    public void run(String step, Runnable action) {
        untilDone(step, () -> {
            action.run();
            return null;
        });
    }

    public <T> T untilDone(String step, Supplier<T> action) {
        long backoff = minBackoffMillis;
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
