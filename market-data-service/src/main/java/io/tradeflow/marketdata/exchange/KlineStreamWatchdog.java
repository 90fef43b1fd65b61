package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.marketdata.domain.Subscription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which kline streams went silent while their connection stays up: Binance answers the SUBSCRIBE and the pings but
 * sends no kline, as it does to a USD-M client on a path other than {@code /market}. Neither the connection's read
 * timeout nor its 24-hour renewal sees that, so each stream is held to its own schedule: the closed kline after the
 * newest one known (from the stream or from REST) is due at its close time, and a stream that has not delivered it
 * {@code grace} later is overdue.
 *
 * <p>One {@link #check} walks every stream, so hundreds of streams cost one periodic task, not a timer per kline.
 * A stream is not judged while its connection is down (that is a reconnect, not a silence) nor while its REST
 * catch-up runs (the newest known kline is about to move). It stays silent, once flagged, until the stream itself
 * delivers a closed kline: REST filling its klines in does not end the silence. An overdue stream is reported once
 * per missed kline, so the owner catches up and asks again once per kline interval while the silence lasts
 * (and once more per interval if a catch-up brought nothing).
 *
 * <p>Times are Binance's ({@link BinanceClock}), epoch ms. Thread-safe.
 */
public final class KlineStreamWatchdog {
    private static final long NONE = Long.MIN_VALUE;

    private final long graceMillis;
    private final Map<Subscription, Watch> watches = new HashMap<>();

    /** A stream found overdue: the close time its kline was due at, and whether this starts its silence. */
    public record Overdue(Subscription pair, long dueCloseTime, boolean newlySilent) {
    }

    private static final class Watch {
        boolean connected;
        int catchUpsRunning;
        long newestOpenTime = NONE;
        boolean silent;
        long actedOnCloseTime = NONE;
        long actedAt = NONE;
    }

    /** @param grace how long after a kline's close time its closed kline may still arrive */
    public KlineStreamWatchdog(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the kline grace must not be negative, got " + grace);
        }
        this.graceMillis = grace.toMillis();
    }

    /** Watches exactly these pairs from now on: new ones from their first {@link #started}, gone ones forgotten. */
    public synchronized void watchOnly(Collection<Subscription> pairs) {
        watches.keySet().retainAll(pairs);
        pairs.forEach(pair -> watches.computeIfAbsent(pair, ignored -> new Watch()));
    }

    /**
     * The stream (re)started on an open connection and a catch-up of it is under way: not judged until every
     * catch-up started has {@link #caughtUp finished}.
     */
    public synchronized void started(Subscription pair) {
        Watch watch = watches.get(pair);
        if (watch != null) {
            watch.connected = true;
            watch.catchUpsRunning++;
        }
    }

    /** A catch-up of {@code pair} finished (done or failed); {@code newestOpenTime} is the newest kline published. */
    public synchronized void caughtUp(Subscription pair, OptionalLong newestOpenTime) {
        Watch watch = watches.get(pair);
        if (watch == null) {
            return;
        }
        watch.catchUpsRunning = Math.max(0, watch.catchUpsRunning - 1);
        newestOpenTime.ifPresent(openTime -> watch.newestOpenTime = Math.max(watch.newestOpenTime, openTime));
    }

    /** The connection carrying the stream closed; it is judged again once {@link #started} on the next one. */
    public synchronized void stopped(Subscription pair) {
        Watch watch = watches.get(pair);
        if (watch != null) {
            watch.connected = false;
        }
    }

    /** The stream delivered the closed kline opening at {@code openTime}; true when that ends a silence. */
    public synchronized boolean delivered(Subscription pair, long openTime) {
        Watch watch = watches.get(pair);
        if (watch == null) {
            return false;
        }
        watch.newestOpenTime = Math.max(watch.newestOpenTime, openTime);
        boolean wasSilent = watch.silent;
        watch.silent = false;
        return wasSilent;
    }

    public synchronized boolean isEmpty() {
        return watches.isEmpty();
    }

    /** True when {@link #check} at {@code now} would report a stream (it changes nothing). */
    public synchronized boolean anyOverdue(long now) {
        return watches.entrySet().stream().anyMatch(entry -> isOverdue(entry.getKey().interval(), entry.getValue(), now));
    }

    /**
     * The streams overdue at {@code now} and not yet reported for that kline, marked silent. Each kline due is
     * reported once; a stream whose catch-up brought nothing newer is reported again one interval later.
     */
    public synchronized List<Overdue> check(long now) {
        List<Overdue> overdue = new ArrayList<>();
        watches.forEach((pair, watch) -> {
            if (isOverdue(pair.interval(), watch, now)) {
                long due = dueCloseTime(pair.interval(), watch);
                overdue.add(new Overdue(pair, due, !watch.silent));
                watch.silent = true;
                watch.actedOnCloseTime = due;
                watch.actedAt = now;
            }
        });
        overdue.sort(Comparator.comparing(o -> o.pair().toString()));
        return overdue;
    }

    /** The streams silent now, in name order. */
    public synchronized List<Subscription> silent() {
        return watches.entrySet().stream().filter(entry -> entry.getValue().silent).map(Map.Entry::getKey)
                .sorted(Comparator.comparing(Subscription::toString)).toList();
    }

    private boolean isOverdue(Interval interval, Watch watch, long now) {
        if (!watch.connected || watch.catchUpsRunning > 0 || watch.newestOpenTime == NONE) {
            return false;
        }
        long due = dueCloseTime(interval, watch);
        if (now <= due + graceMillis) {
            return false;
        }
        // The same kline again only after a whole interval: its catch-up and resubscribe brought nothing.
        return due > watch.actedOnCloseTime || now >= watch.actedAt + interval.duration().toMillis();
    }

    /** Close time of the kline after the newest one known; calendar-exact for 1M. */
    private static long dueCloseTime(Interval interval, Watch watch) {
        return interval.closeTimeOf(interval.nextOpenTime(watch.newestOpenTime));
    }
}
