package io.tradeflow.marketdata.exchange;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th wait in a row is drawn uniformly between {@code min} and
 * {@code min * 2^n} (capped at {@code max}). The randomness keeps many clients cut off together from coming back in
 * lock-step; the floor keeps a flapping server from being hit in a tight loop (Binance allows 300 connection attempts
 * per 5 minutes per IP). Not thread-safe: one per connection or request loop.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private int failures;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got min " + min + " and max " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The wait before the next attempt after one more failure. */
    public Duration next() {
        long ceiling = ceiling(failures);
        failures++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(minMillis, ceiling + 1));
    }

    /** Back to the shortest waits, after a success. */
    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }

    long ceiling(int failuresSoFar) {
        // Past 2^30 the shift overflows; the cap is long reached by then anyway.
        long doubled = failuresSoFar >= 30 ? Long.MAX_VALUE : minMillis << failuresSoFar;
        return doubled <= 0 || doubled > maxMillis ? maxMillis : doubled;
    }
}
