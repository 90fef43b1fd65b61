package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
 *
 * @param closePosition only with status STOPPED: the person who stopped the bot also asked to close its position
 *                      (execution-service closes it at market, close reason MANUAL, once per version); optional in
 *                      JSON, written only when true, absent (or null) reads as false, so older records still read
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "botId", "name", "market", "symbol", "interval",
        "strategy", "risk", "venue", "status", "closePosition", "eventTime", "producedAt"})
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
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean closePosition,
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
        if (closePosition && status != BotStatus.STOPPED) {
            // A running bot keeps its position; a close is part of stopping it.
            throw FIELDS.invalid("closePosition", "field 'closePosition' must be false unless status is STOPPED");
        }
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
