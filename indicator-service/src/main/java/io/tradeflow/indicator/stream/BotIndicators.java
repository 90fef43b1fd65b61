package io.tradeflow.indicator.stream;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import io.tradeflow.service.stream.BotTable;
import org.jboss.logging.Logger;

/** What indicator-service keeps of {@code bots.v1}: the indicators each running bot's strategy reads. */
final class BotIndicators implements BotTable.Bots {
    private static final Logger LOG = Logger.getLogger(BotIndicators.class);

    private final IndicatorRequirements requirements;
    private final IndicatorMetrics metrics;

    BotIndicators(IndicatorRequirements requirements, IndicatorMetrics metrics) {
        this.requirements = requirements;
        this.metrics = metrics;
    }

    /** The requirements' own monitor, which their readers take: a reload's clear and rebuild is one step to them. */
    @Override
    public Object lock() {
        return requirements;
    }

    @Override
    public void reloading() {
        requirements.clearBots();
    }

    @Override
    public void update(String botId, BotDefinition bot, boolean live) {
        if (bot == null || bot.status() != BotStatus.RUNNING) {
            requirements.botGone(botId);
            return;
        }
        try {
            requirements.botRunning(botId, new SeriesKey(bot.symbol(), bot.interval()), BotStrategy.of(bot).indicators());
        } catch (InvalidParameterException e) {
            // signal-service refuses the same bot, so computing for it would be wasted.
            requirements.botGone(botId);
            if (live) {
                metrics.botIgnored();
                LOG.warnf("Bot %s ignored, its strategy cannot run: %s (%s)", botId, e.getMessage(), e.parameter());
            }
        }
    }

    @Override
    public void unreadable(String key, String reason) {
        metrics.botIgnored();
        LOG.warnf("Unreadable bots.v1 record (key %s): %s; taken as the bot's deletion", key, reason);
    }
}
