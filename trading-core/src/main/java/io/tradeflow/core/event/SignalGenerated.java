package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import java.math.BigDecimal;

/**
 * A bot's strategy asked to enter or exit, on {@link Topics#SIGNALS}. At most one signal per bot and kline: the id is
 * {@code {botId}-{SYMBOL}-{interval}-{klineOpenTime}}, and it is both {@code eventId} and {@code signalId}.
 *
 * @param referencePrice the close of the kline the signal was computed on
 * @param stopLoss       required for entries (below the reference price for longs, above for shorts), absent for exits
 * @param takeProfit     required for entries (above the reference price for longs, below for shorts), absent for exits
 * @param reason         human-readable why, e.g. {@code ema(9) crossed above ema(21)}
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "signalId", "botId", "strategy", "symbol", "interval",
        "klineOpenTime", "action", "referencePrice", "stopLoss", "takeProfit", "reason", "eventTime", "producedAt"})
public record SignalGenerated(
        String botId,
        String strategy,
        Symbol symbol,
        Interval interval,
        long klineOpenTime,
        SignalAction action,
        BigDecimal referencePrice,
        BigDecimal stopLoss,
        BigDecimal takeProfit,
        String reason,
        long eventTime,
        long producedAt) implements Event {

    private static final Fields FIELDS = new Fields("SignalGenerated");

    public SignalGenerated {
        FIELDS.requiredText("botId", botId);
        FIELDS.requiredText("strategy", strategy);
        FIELDS.required("symbol", symbol);
        FIELDS.required("interval", interval);
        FIELDS.timestamp("klineOpenTime", klineOpenTime);
        FIELDS.required("action", action);
        FIELDS.positive("referencePrice", referencePrice);
        FIELDS.required("reason", reason);
        FIELDS.timestamp("eventTime", eventTime);
        FIELDS.timestamp("producedAt", producedAt);
        if (action.isEntry()) {
            boolean isLong = action.direction() == Direction.LONG;
            requireSide("stopLoss", FIELDS.positive("stopLoss", stopLoss), referencePrice, !isLong, action);
            requireSide("takeProfit", FIELDS.positive("takeProfit", takeProfit), referencePrice, isLong, action);
        } else {
            FIELDS.absent("stopLoss", stopLoss, "for " + action);
            FIELDS.absent("takeProfit", takeProfit, "for " + action);
        }
    }

    /** An entry signal on the snapshot's kline; the signal happens when the kline closed (the snapshot's time). */
    public static SignalGenerated entry(String botId, String strategy, IndicatorsComputed snapshot,
            SignalAction action, BigDecimal stopLoss, BigDecimal takeProfit, String reason, long producedAt) {
        return new SignalGenerated(botId, strategy, snapshot.symbol(), snapshot.interval(), snapshot.openTime(),
                action, snapshot.close(), stopLoss, takeProfit, reason, snapshot.eventTime(), producedAt);
    }

    public static SignalGenerated exit(String botId, String strategy, IndicatorsComputed snapshot,
            SignalAction action, String reason, long producedAt) {
        return new SignalGenerated(botId, strategy, snapshot.symbol(), snapshot.interval(), snapshot.openTime(),
                action, snapshot.close(), null, null, reason, snapshot.eventTime(), producedAt);
    }

    @Override
    public String eventId() {
        return botId + "-" + Kline.id(symbol, interval, klineOpenTime);
    }

    /** Same as {@link #eventId()}: orders refer to the signal that caused them by this id. */
    @JsonProperty("signalId")
    public String signalId() {
        return eventId();
    }

    @Override
    public String key() {
        return symbol.value();
    }

    private static void requireSide(
            String field, BigDecimal level, BigDecimal referencePrice, boolean above, SignalAction action) {
        int comparison = level.compareTo(referencePrice);
        if (above ? comparison <= 0 : comparison >= 0) {
            throw FIELDS.invalid(field, "field '" + field + "' must be " + (above ? "above" : "below")
                    + " referencePrice " + referencePrice.toPlainString() + " for " + action + ": "
                    + level.toPlainString());
        }
    }
}
