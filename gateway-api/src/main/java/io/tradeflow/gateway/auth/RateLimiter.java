package io.tradeflow.gateway.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per caller (Bucket4j): {@code tradeflow.gateway.auth.requests-per-minute} tokens, refilled
 * greedily (one every 60/n s), so a caller may burst up to the whole minute's allowance. Callers are authenticated
 * identities only, so the map is as large as the number of keys and token subjects in use.
 */
@ApplicationScoped
public class RateLimiter {
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perMinute;
    private final Counter refused;

    public RateLimiter(AuthConfig config, MeterRegistry registry) {
        this.perMinute = config.requestsPerMinute();
        this.refused = Counter.builder("tradeflow.gateway.rate.limited")
                .description("Requests refused with 429 because their caller went over its rate").register(registry);
    }

    /** Empty when {@code caller} may go on; otherwise the whole seconds until its next request is allowed (≥ 1). */
    public OptionalLong retryAfterSeconds(String caller) {
        ConsumptionProbe probe = buckets.computeIfAbsent(caller, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        refused.increment();
        return OptionalLong.of(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1)));
    }
}
