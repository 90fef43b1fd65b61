package io.tradeflow.signal.stream;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.service.stream.BotTable;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.jboss.logging.Logger;

/** What signal-service keeps of {@code bots.v1}: the {@link BotRegistry} of running bots. */
final class RegisteredBots implements BotTable.Bots {
    private static final Logger LOG = Logger.getLogger(RegisteredBots.class);

    private final BotRegistry registry;
    private final SignalMetrics metrics;

    RegisteredBots(BotRegistry registry, SignalMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Nothing to forget: the registry holds only what the table gave it, and the same definition again is no change. */
    @Override
    public void reloading() {
    }

    @Override
    public void update(String botId, BotDefinition definition, boolean live) {
        try {
            BotRegistry.Change change = registry.update(botId, definition);
            if (change != BotRegistry.Change.UNCHANGED) {
                LOG.infof("Bot %s %s", botId, change.name().toLowerCase());
            }
        } catch (InvalidParameterException e) {
            if (live) {
                metrics.botRejected(definition.strategy().type());
                LOG.errorf("Bot %s refused, it does not run: %s (parameter %s)", botId, e.getMessage(), e.parameter());
            }
        }
    }

    @Override
    public void unreadable(String key, String reason) {
        metrics.botUnreadable();
        LOG.errorf("Unreadable bots.v1 record (key %s): %s; taken as the bot's deletion", key, reason);
    }
}
