package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps one Binance host's requests under its rate limits (USD-M "General Info", "LIMITS"): every request waits here
 * first ({@link #awaitTurn}), every answer reports here ({@link #onResponse}).
 * <ul>
 *   <li>After HTTP 429 (rate limit) or 418 (IP banned for ignoring 429s, 2 minutes to 3 days) nothing is sent until
 *       its {@code Retry-After} (seconds) has passed; without one, a 418 until the time its message names ("banned
 *       until ...") or else 2 minutes, a 429 until the next minute. A ban is logged once, as an ERROR.</li>
 *   <li>{@code X-MBX-USED-WEIGHT-1M} (the IP's request weight this minute): once it reaches {@link Limits#share()} of
 *       the weight limit, requests wait for the next minute instead of earning a 429.</li>
 *   <li>{@code X-MBX-ORDER-COUNT-10S} and {@code -1M} (the account's orders): the same, for order placements only.</li>
 * </ul>
 * Binance counts in fixed intervals (exchangeInfo {@code rateLimits}: interval MINUTE, intervalNum 1, and SECOND 10),
 * taken here as aligned to the epoch on this host's clock; the share below 1 covers the clocks' difference. Waits
 * longer than {@code maxWait} are not slept: {@link #awaitTurn} throws a {@link Handling#RETRY} instead, so a long ban
 * does not hang the caller's thread. Thread-safe; the clock and the sleeper are injected so tests do not sleep.
 */
public final class RequestGate {

    private static final Logger LOG = Logger.getLogger(RequestGate.class);
    private static final Pattern BANNED_UNTIL = Pattern.compile("banned until (\\d{12,})");
    private static final long MINUTE = 60_000;
    private static final long TEN_SECONDS = 10_000;
    /** Binance's shortest ban (the docs: "from 2 minutes to 3 days"). */
    private static final long SHORTEST_BAN = 2 * MINUTE;

    /** Sleeps {@code millis}; {@code Thread::sleep} in production. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Binance's limits and the share of them at which the gate starts waiting.
     *
     * @param weightPerMinute request weight per minute per IP (USD-M: 2400)
     * @param ordersPer10s    orders per 10 s per account (USD-M: 300)
     * @param ordersPerMinute orders per minute per account (USD-M: 1200)
     * @param share           0 (exclusive) to 1: wait once a counter reaches this share of its limit
     */
    public record Limits(int weightPerMinute, int ordersPer10s, int ordersPerMinute, double share) {
        /** USD-M's documented limits, waiting at 90 %. */
        public static final Limits DEFAULT = new Limits(2400, 300, 1200, 0.9);

        public Limits {
            if (weightPerMinute <= 0 || ordersPer10s <= 0 || ordersPerMinute <= 0) {
                throw new IllegalArgumentException("limits must be positive: " + weightPerMinute + ", "
                        + ordersPer10s + ", " + ordersPerMinute);
            }
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be in (0, 1]: " + share);
            }
        }

        public Limits withShare(double newShare) {
            return new Limits(weightPerMinute, ordersPer10s, ordersPerMinute, newShare);
        }

        /**
         * These limits updated from exchangeInfo's {@code rateLimits} array ({@code rateLimitType} REQUEST_WEIGHT or
         * ORDERS, {@code interval} MINUTE or SECOND, {@code intervalNum}, {@code limit}); entries it lacks, or other
         * intervals, keep their current value.
         */
        public Limits withRateLimits(JsonNode rateLimits) {
            int weight = weightPerMinute;
            int orders10s = ordersPer10s;
            int orders1m = ordersPerMinute;
            for (JsonNode limit : rateLimits) {
                String type = limit.path("rateLimitType").asText("");
                String interval = limit.path("interval").asText("") + limit.path("intervalNum").asInt(0);
                int value = limit.path("limit").asInt(0);
                if (value <= 0) {
                    continue;
                }
                switch (type + "/" + interval) {
                    case "REQUEST_WEIGHT/MINUTE1" -> weight = value;
                    case "ORDERS/SECOND10" -> orders10s = value;
                    case "ORDERS/MINUTE1" -> orders1m = value;
                    default -> { } // RAW_REQUESTS and other intervals: no header reports them
                }
            }
            return new Limits(weight, orders10s, orders1m, share);
        }
    }

    /** A counter as last reported, and the interval (its start, epoch ms) it was reported in. */
    private record Seen(long value, long intervalStart) {
        static final Seen NONE = new Seen(0, Long.MIN_VALUE);
    }

    private final LongSupplier nowMillis;
    private final Sleeper sleeper;
    private final long maxWaitMillis;
    private Limits limits;
    private Seen weight = Seen.NONE;
    private Seen orders10s = Seen.NONE;
    private Seen orders1m = Seen.NONE;
    private long blockedUntil;
    private String blockedBy = "";

    /**
     * @param nowMillis epoch ms ({@code System::currentTimeMillis})
     * @param maxWait   longest wait {@link #awaitTurn} sleeps; longer ones throw
     */
    public RequestGate(Limits limits, LongSupplier nowMillis, Sleeper sleeper, Duration maxWait) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nowMillis = Objects.requireNonNull(nowMillis, "nowMillis");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.maxWaitMillis = maxWait.toMillis();
    }

    /** On this host's clock, sleeping for real, waits up to 65 s (a full minute of weight, plus margin). */
    public static RequestGate system(double share) {
        return new RequestGate(Limits.DEFAULT.withShare(share), System::currentTimeMillis, Thread::sleep,
                Duration.ofSeconds(65));
    }

    public synchronized Limits limits() {
        return limits;
    }

    /** New limits, e.g. {@code limits().withRateLimits(exchangeInfo.get("rateLimits"))}. */
    public synchronized void limits(Limits newLimits) {
        this.limits = Objects.requireNonNull(newLimits, "newLimits");
    }

    /**
     * Returns once {@code request} may be sent, after sleeping while a 429/418 back-off holds or a counter is at its
     * share; an order placement also waits for the order counters.
     *
     * @param request method and path, for the exception's message
     * @throws BinanceException a {@link Handling#RETRY} without sending, when the wait would exceed maxWait
     */
    public void awaitTurn(boolean orderPlacement, String request) throws BinanceException, InterruptedException {
        while (true) {
            long now = nowMillis.getAsLong();
            long until;
            String why;
            synchronized (this) {
                until = now;
                why = "";
                if (blockedUntil > until) {
                    until = blockedUntil;
                    why = blockedBy;
                }
                long weightFull = full(weight, limits.weightPerMinute(), MINUTE, now);
                if (weightFull > until) {
                    until = weightFull;
                    why = "request weight " + weight.value() + " of " + limits.weightPerMinute() + " this minute";
                }
                if (orderPlacement) {
                    long full10s = full(orders10s, limits.ordersPer10s(), TEN_SECONDS, now);
                    if (full10s > until) {
                        until = full10s;
                        why = orders10s.value() + " orders of " + limits.ordersPer10s() + " in these 10 s";
                    }
                    long full1m = full(orders1m, limits.ordersPerMinute(), MINUTE, now);
                    if (full1m > until) {
                        until = full1m;
                        why = orders1m.value() + " orders of " + limits.ordersPerMinute() + " this minute";
                    }
                }
            }
            long wait = until - now;
            if (wait <= 0) {
                return;
            }
            if (wait > maxWaitMillis) {
                String detail = "not sent, rate limit gate closed until " + Instant.ofEpochMilli(until) + " (" + why + ")";
                throw new BinanceException(request, 0, null, detail, Handling.RETRY, false, detail, null);
            }
            LOG.debugf("%s waits %d ms: %s", request, wait, why);
            sleeper.sleep(wait);
        }
    }

    /**
     * Records an answer's counters and, for 429/418, the back-off.
     *
     * @param header         the answer's header by name (case-insensitive), e.g. {@code response.headers()::firstValue}
     * @param binanceMessage Binance's {@code msg}, or null; a 418's may name the end of the ban
     */
    public synchronized void onResponse(int status, Function<String, Optional<String>> header, String binanceMessage) {
        long now = nowMillis.getAsLong();
        weight = seen(header.apply("X-MBX-USED-WEIGHT-1M"), weight, MINUTE, now);
        orders10s = seen(header.apply("X-MBX-ORDER-COUNT-10S"), orders10s, TEN_SECONDS, now);
        orders1m = seen(header.apply("X-MBX-ORDER-COUNT-1M"), orders1m, MINUTE, now);
        if (status != 429 && status != 418) {
            return;
        }
        long until = header.apply("Retry-After").flatMap(RequestGate::seconds).map(s -> now + s * 1000)
                .or(() -> bannedUntil(binanceMessage))
                .orElse(status == 418 ? now + SHORTEST_BAN : (now / MINUTE + 1) * MINUTE);
        boolean newBan = status == 418 && blockedUntil <= now;
        if (until > blockedUntil) {
            blockedUntil = until;
            blockedBy = status == 418 ? "HTTP 418, this IP is banned" : "HTTP 429, rate limit";
        }
        if (newBan) {
            LOG.errorf("Binance banned this IP (HTTP 418) until %s for exceeding its rate limits; nothing is sent"
                    + " until then. Another process on the same IP, or a loop ignoring 429s, is the likely cause.",
                    Instant.ofEpochMilli(blockedUntil));
        } else if (status == 429) {
            LOG.warnf("Binance rate limit hit (HTTP 429): nothing is sent until %s", Instant.ofEpochMilli(blockedUntil));
        }
    }

    /** The IP's request weight this minute as last reported; 0 once the minute is over. */
    public synchronized long usedWeight() {
        return current(weight, MINUTE);
    }

    /** The account's orders in the current 10 s as last reported; 0 once they are over. */
    public synchronized long orders10s() {
        return current(orders10s, TEN_SECONDS);
    }

    /** The account's orders this minute as last reported; 0 once the minute is over. */
    public synchronized long orders1m() {
        return current(orders1m, MINUTE);
    }

    /** Until when a 429/418 holds requests back; empty when none does. */
    public synchronized Optional<Instant> blockedUntil() {
        return blockedUntil > nowMillis.getAsLong() ? Optional.of(Instant.ofEpochMilli(blockedUntil)) : Optional.empty();
    }

    private long current(Seen seen, long interval) {
        return seen.intervalStart() == start(nowMillis.getAsLong(), interval) ? seen.value() : 0;
    }

    /** The end of the counter's interval when it is at its share in the current interval; 0 otherwise. */
    private long full(Seen seen, int limit, long interval, long now) {
        boolean current = seen.intervalStart() == start(now, interval);
        return current && seen.value() >= limits.share() * limit ? seen.intervalStart() + interval : 0;
    }

    private static Seen seen(Optional<String> header, Seen previous, long interval, long now) {
        try {
            return header.map(v -> new Seen(Long.parseLong(v.strip()), start(now, interval))).orElse(previous);
        } catch (NumberFormatException e) {
            return previous; // a counter we cannot read tells nothing; the next answer will
        }
    }

    private static long start(long now, long interval) {
        return Math.floorDiv(now, interval) * interval;
    }

    private static Optional<Long> seconds(String retryAfter) {
        try {
            long s = Long.parseLong(retryAfter.strip());
            return s >= 0 ? Optional.of(s) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: Binance sends seconds; fall back to the defaults
        }
    }

    private static Optional<Long> bannedUntil(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = BANNED_UNTIL.matcher(message);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
