package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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
 * @param realizedPnl   PnL of what was closed so far, before fees, in the margin asset
 * @param fees          the fees this position paid so far in the margin asset (all of them when every fee was charged in
 *                      it; a fee in another asset, such as BNB, is in {@code otherFees} instead)
 * @param openedAt      epoch ms of the first entry fill
 * @param closedAt      epoch ms of the last exit fill; required for {@code CLOSED}, absent otherwise
 * @param marginAsset   the asset {@code realizedPnl}, {@code unrealizedPnl}, {@code fees}, {@code convertedFees} and
 *                      {@code netRealizedPnl} are in: USDT for USD-M, the coin (BTC) for COIN-M
 * @param closeReason   for {@code CLOSED}: why (stop-loss, take-profit, signal exit, reversal, manual, liquidation)
 * @param otherFees     fees charged in other assets than the margin asset, by asset, as charged (e.g. {@code BNB});
 *                      absent when there are none
 * @param convertedFees the part of {@code otherFees} converted into the margin asset at the fee asset's price at each
 *                      fill's time; absent when none could be
 * @param unconvertedFees the part of {@code otherFees} for which no price was known at fill time, by asset: not in
 *                      {@code netRealizedPnl}; absent when there is none
 * @param netRealizedPnl {@code realizedPnl - fees - convertedFees}
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "positionId", "sequence", "botId", "symbol", "venue",
        "direction", "change", "quantity", "entryPrice", "exitPrice", "markPrice", "realizedPnl", "unrealizedPnl",
        "fees", "openedAt", "closedAt", "marginAsset", "closeReason", "otherFees", "convertedFees", "unconvertedFees",
        "netRealizedPnl", "eventTime", "producedAt"})
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
        String marginAsset,
        CloseReason closeReason,
        Map<String, BigDecimal> otherFees,
        BigDecimal convertedFees,
        Map<String, BigDecimal> unconvertedFees,
        BigDecimal netRealizedPnl,
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
            FIELDS.absent("closeReason", closeReason, "while the position is " + change);
        }
        if (marginAsset != null) {
            FIELDS.requiredText("marginAsset", marginAsset);
        }
        otherFees = feesByAsset("otherFees", otherFees);
        FIELDS.notNegativeIfPresent("convertedFees", convertedFees);
        unconvertedFees = feesByAsset("unconvertedFees", unconvertedFees);
        if (netRealizedPnl != null) {
            BigDecimal net = realizedPnl.subtract(fees).subtract(convertedFees == null ? BigDecimal.ZERO : convertedFees);
            if (net.compareTo(netRealizedPnl) != 0) {
                throw FIELDS.invalid("netRealizedPnl", "field 'netRealizedPnl' " + netRealizedPnl.toPlainString()
                        + " is not realizedPnl - fees - convertedFees = " + net.toPlainString());
            }
        }
    }

    /** Sorted by asset, each {@code >= 0}; null for none (an empty map is written as absent, like null). */
    private static Map<String, BigDecimal> feesByAsset(String field, Map<String, BigDecimal> fees) {
        if (fees == null || fees.isEmpty()) {
            return null;
        }
        TreeMap<String, BigDecimal> sorted = new TreeMap<>();
        fees.forEach((asset, fee) -> {
            FIELDS.requiredText(field + " asset", asset);
            sorted.put(asset, FIELDS.notNegative(field + "." + asset, fee));
        });
        return Collections.unmodifiableSortedMap(sorted);
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
