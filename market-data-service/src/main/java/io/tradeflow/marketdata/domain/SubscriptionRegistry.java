package io.tradeflow.marketdata.domain;

import io.tradeflow.core.domain.BotStatus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The pairs to keep klines for: the configured ones plus those of every running bot. Listeners hear of each
 * change so a source can subscribe or unsubscribe without reconnecting.
 */
public final class SubscriptionRegistry {
    private final Set<Subscription> configured;
    private final Map<String, Subscription> runningBots = new ConcurrentHashMap<>();
    private final List<Consumer<Set<Subscription>>> listeners = new CopyOnWriteArrayList<>();

    public SubscriptionRegistry(Set<Subscription> configured) {
        this.configured = Set.copyOf(configured);
    }

    public synchronized Set<Subscription> current() {
        Set<Subscription> all = new LinkedHashSet<>(configured);
        all.addAll(runningBots.values());
        return Set.copyOf(all);
    }

    public void onChange(Consumer<Set<Subscription>> listener) {
        listeners.add(listener);
    }

    /** A bot was defined or changed: its pair counts while it runs. */
    public void botUpdated(String botId, Subscription pair, BotStatus status) {
        Set<Subscription> before = current();
        if (status == BotStatus.RUNNING) {
            runningBots.put(botId, pair);
        } else {
            runningBots.remove(botId);
        }
        notifyIfChanged(before);
    }

    /** A bot was deleted (a tombstone on bots.v1). */
    public void botDeleted(String botId) {
        Set<Subscription> before = current();
        runningBots.remove(botId);
        notifyIfChanged(before);
    }

    private void notifyIfChanged(Set<Subscription> before) {
        Set<Subscription> after = current();
        if (!after.equals(before)) {
            listeners.forEach(listener -> listener.accept(after));
        }
    }
}
