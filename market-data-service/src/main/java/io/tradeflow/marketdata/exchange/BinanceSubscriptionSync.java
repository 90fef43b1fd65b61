package io.tradeflow.marketdata.exchange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streams one connection should carry against those the server has, turned into SUBSCRIBE and UNSUBSCRIBE
 * commands. Every change made since the last command goes into the next one (one message, many params), and
 * commands are spaced so the connection stays under Binance's 10 incoming messages per second. A stream asked for
 * again ({@link #resubscribe}) goes out as an UNSUBSCRIBE, then a SUBSCRIBE.
 * Not thread-safe: owned by its connection's event loop.
 */
final class BinanceSubscriptionSync {
    /** 8 messages a second at most: under Binance's 10, leaving room for the pongs that count too. */
    static final long MIN_SPACING_MILLIS = 125;
    private static final AtomicLong IDS = new AtomicLong();

    private final Set<String> wanted;
    private final Set<String> live;
    /** Live streams to unsubscribe and subscribe again: they deliver nothing (see {@link KlineStreamWatchdog}). */
    private final Set<String> again = new LinkedHashSet<>();
    private long lastSentAtMillis = Long.MIN_VALUE / 2;

    /** @param live the streams the connection was opened with (its URL) */
    BinanceSubscriptionSync(Collection<String> live) {
        this.live = new LinkedHashSet<>(live);
        this.wanted = new LinkedHashSet<>(live);
    }

    void want(Collection<String> streams) {
        wanted.clear();
        wanted.addAll(streams);
    }

    Set<String> wanted() {
        return Set.copyOf(wanted);
    }

    /**
     * Asks again for {@code streams}: the next command unsubscribes them (with any stream no longer wanted), the one
     * after subscribes them anew. Streams the server does not have or that are no longer wanted are left alone.
     */
    void resubscribe(Collection<String> streams) {
        for (String stream : streams) {
            if (live.contains(stream) && wanted.contains(stream)) {
                again.add(stream);
            }
        }
    }

    boolean inSync() {
        return wanted.equals(live) && again.isEmpty();
    }

    /** How long until {@link #next} may send: 0 now, -1 when there is nothing to send. */
    long millisUntilNext(long nowMillis) {
        if (inSync()) {
            return -1;
        }
        return Math.max(0, lastSentAtMillis + MIN_SPACING_MILLIS - nowMillis);
    }

    /**
     * The command to send now, if one is due; the server is then taken to have it. Unsubscribing goes first, so a
     * connection at its stream limit frees room before it takes new streams.
     */
    Optional<BinanceCommand> next(long nowMillis) {
        if (millisUntilNext(nowMillis) != 0) {
            return Optional.empty();
        }
        Set<String> gone = new LinkedHashSet<>(live);
        gone.removeAll(wanted);
        again.stream().filter(live::contains).forEach(gone::add);
        again.clear();
        BinanceCommand command;
        if (!gone.isEmpty()) {
            command = new BinanceCommand(BinanceCommand.Method.UNSUBSCRIBE, List.copyOf(gone), IDS.incrementAndGet());
            gone.forEach(live::remove);
        } else {
            List<String> added = new ArrayList<>(wanted);
            added.removeAll(live);
            command = new BinanceCommand(BinanceCommand.Method.SUBSCRIBE, added, IDS.incrementAndGet());
            live.addAll(added);
        }
        lastSentAtMillis = nowMillis;
        return Optional.of(command);
    }
}
