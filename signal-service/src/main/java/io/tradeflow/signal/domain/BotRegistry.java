package io.tradeflow.signal.domain;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.InvalidParameterException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bots to evaluate, from {@code bots.v1}: only RUNNING bots whose parameters their strategy accepts. Written by
 * one thread (the bots.v1 reader), read per snapshot by another, so reads go to an immutable index that each change
 * replaces: changes are rare, snapshots are many.
 */
public final class BotRegistry {

    public enum Change {
        /** Not running before, running now. */
        STARTED,
        /** Running before and now, with a new definition: its state starts afresh. */
        REBOUND,
        /** Running before, stopped, deleted or refused now. */
        STOPPED,
        /** Nothing to do: the same definition again, or a bot that is and was not running. */
        UNCHANGED
    }

    private final Map<String, RunningBot> byId = new HashMap<>();
    private volatile Map<String, List<RunningBot>> byPair = Map.of();

    /**
     * Takes the bot's latest definition; {@code null} (a tombstone) deletes it.
     *
     * @throws InvalidParameterException when a RUNNING bot's parameters cannot run; the bot is then not run
     *                                   (and stops if it ran before)
     */
    public synchronized Change update(String botId, BotDefinition definition) {
        RunningBot before = byId.get(botId);
        if (definition == null || definition.status() != BotStatus.RUNNING) {
            return remove(botId, before);
        }
        if (before != null && before.version().equals(definition.eventId())) {
            return Change.UNCHANGED;
        }
        try {
            BotStrategy.of(definition);
        } catch (InvalidParameterException e) {
            remove(botId, before);
            throw e;
        }
        byId.put(botId, new RunningBot(definition));
        reindex();
        return before == null ? Change.STARTED : Change.REBOUND;
    }

    /** The running bots on this pair; never null. */
    public List<RunningBot> running(Symbol symbol, Interval interval) {
        return byPair.getOrDefault(RunningBot.pairOf(symbol.value(), interval.code()), List.of());
    }

    public synchronized boolean isRunning(String botId) {
        return byId.containsKey(botId);
    }

    public int runningCount() {
        return byPair.values().stream().mapToInt(List::size).sum();
    }

    private Change remove(String botId, RunningBot before) {
        if (before == null) {
            return Change.UNCHANGED;
        }
        byId.remove(botId);
        reindex();
        return Change.STOPPED;
    }

    private void reindex() {
        Map<String, List<RunningBot>> index = new HashMap<>();
        byId.values().forEach(bot -> index.computeIfAbsent(bot.pair(), pair -> new ArrayList<>()).add(bot));
        index.replaceAll((pair, bots) -> List.copyOf(bots));
        byPair = Map.copyOf(index);
    }
}
