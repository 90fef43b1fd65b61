package io.tradeflow.indicator.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which indicators each series must compute: the configured defaults for every series, plus what each running bot's
 * strategy reads on its own (symbol, interval). Thread-safe: bots change on Kafka Streams' global thread while klines
 * are processed on the stream threads.
 *
 * <p>Per kline a series asks only {@link #version()}; it asks {@link #of} again only when the version moved, i.e.
 * when a bot changed, so the names are not parsed and the set not rebuilt per kline.
 */
public final class IndicatorRequirements {
    private record BotNeeds(SeriesKey series, Set<String> indicators) {
    }

    private final Set<String> defaults;
    private final Map<String, BotNeeds> bots = new HashMap<>();
    private volatile long version;

    public IndicatorRequirements(Set<String> defaults) {
        this.defaults = Set.copyOf(defaults);
    }

    /** A bot runs on {@code series} and reads {@code indicators} (canonical names); replaces what it needed before. */
    public synchronized void botRunning(String botId, SeriesKey series, Set<String> indicators) {
        BotNeeds needs = new BotNeeds(series, Set.copyOf(indicators));
        if (!needs.equals(bots.put(botId, needs))) {
            version++;
        }
    }

    /** A bot stopped, was deleted or cannot run. */
    public synchronized void botGone(String botId) {
        if (bots.remove(botId) != null) {
            version++;
        }
    }

    /** Forgets every bot, before the whole bot table is read again. */
    public synchronized void clearBots() {
        if (!bots.isEmpty()) {
            bots.clear();
            version++;
        }
    }

    /** Moves on every change of what some series needs; equal versions mean equal requirements. */
    public long version() {
        return version;
    }

    /** Every indicator {@code series} must compute, sorted. */
    public synchronized Set<String> of(SeriesKey series) {
        Set<String> names = new TreeSet<>(defaults);
        for (BotNeeds needs : bots.values()) {
            if (needs.series().equals(series)) {
                names.addAll(needs.indicators());
            }
        }
        return names;
    }

    public synchronized int runningBots() {
        return bots.size();
    }
}
