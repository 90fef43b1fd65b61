package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;

/**
 * A bot's whole definition and state, on the compacted {@link Topics#BOTS}: the latest record per bot id is the
 * bot, a tombstone (null value) deletes it. Keyed by bot id, not symbol.
 *
 * <p>The id is {@code {botId}-{producedAt}}: each write of a definition is one version of the bot.
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "botId", "name", "market", "symbol", "interval",
        "strategy", "risk", "venue", "status", "eventTime", "producedAt"})
public record BotDefinition(
        String botId,
        String name,
        Market market,
        Symbol symbol,
        Interval interval,
        StrategySpec strategy,
        RiskSpec risk,
        Venue venue,
        BotStatus status,
        long eventTime,
        long producedAt) implements Event {

    static final Fields FIELDS = new Fields("BotDefinition");

    public BotDefinition {
        FIELDS.requiredText("botId", botId);
        FIELDS.requiredText("name", name);
        FIELDS.required("market", market);
        FIELDS.required("symbol", symbol);
        FIELDS.required("interval", interval);
        FIELDS.required("strategy", strategy);
        FIELDS.required("risk", risk);
        FIELDS.required("venue", venue);
        FIELDS.required("status", status);
        FIELDS.timestamp("eventTime", eventTime);
        FIELDS.timestamp("producedAt", producedAt);
    }

    @Override
    public String eventId() {
        return botId + "-" + producedAt;
    }

    @Override
    public String key() {
        return botId;
    }
}
