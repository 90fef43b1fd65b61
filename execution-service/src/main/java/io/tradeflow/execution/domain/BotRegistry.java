package io.tradeflow.execution.domain;

import io.tradeflow.core.event.BotDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every bot of {@code bots.v1} as last read (latest record per key; a tombstone removes it). Thread-safe. */
public final class BotRegistry {
    private final Map<String, BotDefinition> bots = new ConcurrentHashMap<>();

    /** Applies a record; {@code definition} null is a tombstone. Returns true when something changed. */
    public boolean update(String botId, BotDefinition definition) {
        BotDefinition previous = definition == null ? bots.remove(botId) : bots.put(botId, definition);
        return previous == null ? definition != null : !previous.equals(definition);
    }

    public Optional<BotDefinition> get(String botId) {
        return Optional.ofNullable(bots.get(botId));
    }

    public int size() {
        return bots.size();
    }
}
