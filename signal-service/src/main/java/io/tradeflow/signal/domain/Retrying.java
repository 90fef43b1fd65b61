package io.tradeflow.signal.domain;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a call to Kafka or Redis until it succeeds, with doubling pauses. A snapshot is only acknowledged once its
 * signals and states are durable, so giving up would mean either dropping a snapshot or dead-lettering a good one;
 * waiting keeps the order and the consumer simply stops moving (readiness shows why).
 */
public final class Retrying {
    private static final Logger LOG = Logger.getLogger(Retrying.class);
    private static final long FIRST_PAUSE_MS = 100;

    private final long maxPauseMs;
    private volatile String failure;

    public Retrying(Duration maxPause) {
        this.maxPauseMs = Math.max(FIRST_PAUSE_MS, maxPause.toMillis());
    }

    public <T> T call(String what, Supplier<T> call) {
        long pause = FIRST_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.get();
                if (failure != null) {
                    LOG.infof("%s succeeded again after %d attempts", what, attempt);
                    failure = null;
                }
                return result;
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    LOG.errorf("%s failed (%s); retrying until it succeeds, the snapshot stays unacknowledged", what, e.getMessage());
                }
                failure = what + ": " + e.getMessage();
                sleep(pause);
                pause = Math.min(pause * 2, maxPauseMs);
            }
        }
    }

    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** What is failing right now, or null. */
    public String failure() {
        return failure;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
