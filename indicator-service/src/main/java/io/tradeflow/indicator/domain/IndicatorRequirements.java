package io.tradeflow.indicator.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which indicators each series must compute: the configured defaults for every series, plus what each running bot's
 * strategy reads on its own (symbol, interval). Thread-safe: bots change on their own thread while klines are
 * processed on another.
 */
public final class IndicatorRequirements {
    private record BotNeeds(SeriesKey series, Set<String> indicators) {
    }

    private final Set<String> defaults;
    private final Map<String, BotNeeds> bots = new HashMap<>();

    public IndicatorRequirements(Set<String> defaults) {
        this.defaults = Set.copyOf(defaults);
    }

    /** A bot runs on {@code series} and reads {@code indicators} (canonical names); replaces what it needed before. */
    public synchronized void botRunning(String botId, SeriesKey series, Set<String> indicators) {
        bots.put(botId, new BotNeeds(series, Set.copyOf(indicators)));
    }

    /** A bot stopped, was deleted or cannot run. */
    public synchronized void botGone(String botId) {
        bots.remove(botId);
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
