package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import java.math.BigDecimal;

/**
 * A position opened, changed or closed, on {@link Topics#POSITIONS}.
 *
 * <p>The id is {@code {positionId}-{sequence}}: the position service is the only writer of a position and numbers
 * its changes 1, 2, 3..., so a consumer can drop duplicates and stale (out-of-order) updates alike.
 *
 * @param sequence      1 for {@code OPENED}, then one more per change
 * @param quantity      the position's size; for {@code CLOSED}, the size that was closed
 * @param entryPrice    average entry price
 * @param exitPrice     average exit price of what was closed so far; required for {@code CLOSED}
 * @param markPrice     the price unrealised PnL was computed at
 * @param realizedPnl   PnL of what was closed so far, before fees
 * @param fees          all fees paid by this position so far
 * @param openedAt      epoch ms of the first entry fill
 * @param closedAt      epoch ms of the last exit fill; required for {@code CLOSED}, absent otherwise
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "positionId", "sequence", "botId", "symbol", "venue",
        "direction", "change", "quantity", "entryPrice", "exitPrice", "markPrice", "realizedPnl", "unrealizedPnl",
        "fees", "openedAt", "closedAt", "eventTime", "producedAt"})
public record PositionChanged(
        String positionId,
        long sequence,
        String botId,
        Symbol symbol,
        Venue venue,
        Direction direction,
        PositionChange change,
        BigDecimal quantity,
        BigDecimal entryPrice,
        BigDecimal exitPrice,
        BigDecimal markPrice,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl,
        BigDecimal fees,
        long openedAt,
        Long closedAt,
        long eventTime,
        long producedAt) implements Event {

    private static final Fields FIELDS = new Fields("PositionChanged");

    public PositionChanged {
        FIELDS.requiredText("positionId", positionId);
        if (sequence < 1) {
            throw FIELDS.invalid("sequence", "field 'sequence' must be 1 or more: " + sequence);
        }
        FIELDS.requiredText("botId", botId);
        FIELDS.required("symbol", symbol);
        FIELDS.required("venue", venue);
        FIELDS.required("direction", direction);
        FIELDS.required("change", change);
        FIELDS.positive("quantity", quantity);
        FIELDS.positive("entryPrice", entryPrice);
        FIELDS.positiveIfPresent("exitPrice", exitPrice);
        FIELDS.positiveIfPresent("markPrice", markPrice);
        FIELDS.required("realizedPnl", realizedPnl);
        FIELDS.required("unrealizedPnl", unrealizedPnl);
        FIELDS.required("fees", fees);
        FIELDS.timestamp("openedAt", openedAt);
        FIELDS.timestamp("eventTime", eventTime);
        FIELDS.timestamp("producedAt", producedAt);
        if (change == PositionChange.CLOSED) {
            FIELDS.required("exitPrice", exitPrice);
            FIELDS.timestamp("closedAt", FIELDS.required("closedAt", closedAt));
        } else {
            FIELDS.absent("closedAt", closedAt, "while the position is " + change);
        }
    }

    @Override
    public String eventId() {
        return positionId + "-" + sequence;
    }

    @Override
    public String key() {
        return symbol.value();
    }
}
