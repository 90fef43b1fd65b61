package io.tradeflow.execution.domain;

import io.tradeflow.core.event.BotDefinition;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** Every bot of {@code bots.v1} as last read (latest record per key; a tombstone removes it). Thread-safe. */
public final class BotRegistry {
    private final Map<String, BotDefinition> bots = new ConcurrentHashMap<>();
    /** Bots whose latest definition asks to close their position, kept on change so a step need not scan all bots. */
    private final Set<String> closing = new ConcurrentSkipListSet<>();

    /** Applies a record; {@code definition} null is a tombstone. Returns true when something changed. */
    public boolean update(String botId, BotDefinition definition) {
        BotDefinition previous = definition == null ? bots.remove(botId) : bots.put(botId, definition);
        if (definition != null && definition.closePosition()) {
            closing.add(botId);
        } else {
            closing.remove(botId);
        }
        return previous == null ? definition != null : !previous.equals(definition);
    }

    public Optional<BotDefinition> get(String botId) {
        return Optional.ofNullable(bots.get(botId));
    }

    /** The bots stopped with {@code closePosition} (their latest definitions), by bot id. */
    public List<BotDefinition> closing() {
        return closing.stream().map(bots::get).filter(Objects::nonNull).filter(BotDefinition::closePosition).toList();
    }

    public int size() {
        return bots.size();
    }
}
