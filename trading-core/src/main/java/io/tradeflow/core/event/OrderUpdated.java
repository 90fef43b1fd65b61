package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import java.math.BigDecimal;

/**
 * An order changed state, on {@link Topics#ORDERS}: one event per state change of every order (entry, stop-loss,
 * take-profit, exit).
 *
 * <p>The id is {@code {clientOrderId}-{status}-{filledQuantity}} (filled quantity without trailing zeros), e.g.
 * {@code tf-ema1-1700006400000-E-NEW-0}. Status and filled quantity only move forward, so each state of an order has
 * one id, and the same state seen twice (user data stream and REST reconciliation) has the same id. Publish
 * {@code NEW} once the venue has accepted the order.
 *
 * @param exchangeOrderId the venue's id, absent until the venue has seen the order
 * @param signalId        the signal that caused the order, absent for orders not caused by one (e.g. a manual close)
 * @param price           limit price, required for {@code LIMIT}
 * @param triggerPrice    required for {@code STOP_MARKET} and {@code TAKE_PROFIT_MARKET}
 * @param averagePrice    average fill price, once something filled
 * @param lastFillQuantity quantity of the fill that caused this update, with {@code lastFillPrice}
 * @param fee             fee of the last fill, with {@code feeAsset}
 * @param rejectReason    the venue's reason for {@code REJECTED}
 * @param tradeId         the venue's id of the last fill (paper: {@code {clientOrderId}-{fill number}}), with it
 * @param realizedPnl     PnL of the last fill where it closes quantity, before fees (the fee is {@code fee}), in the
 *                        margin asset: quote for USD-M, base coin for COIN-M; absent for fills that only open
 * @param denyReason      for {@code DENIED}: the pre-trade check that refused it, a code such as
 *                        {@code insufficient-margin} (docs/events.md lists them)
 * @param market          the symbol's market family, so a consumer knows how to account a fill ({@code COIN_M}:
 *                        inverse); {@code market}, {@code marginAsset} and {@code contractSize} are present together
 *                        (on every event of an order whose symbol's rules were known; absent on a DENIED order
 *                        refused before them)
 * @param marginAsset     the asset PnL and margin are in: the quote asset for USD-M (USDT), the coin for COIN-M (BTC)
 * @param contractSize    USD per contract for COIN-M (Binance {@code contractSize}); 1 for USD-M
 * @param closeReason     for an {@code EXIT} order: why it exits ({@code SIGNAL_EXIT}, {@code REVERSAL},
 *                        {@code MANUAL}, {@code LIQUIDATION}); absent for the other roles, whose role says it
 */
@JsonPropertyOrder({"eventId", "eventType", "schemaVersion", "clientOrderId", "exchangeOrderId", "botId",
        "signalId", "symbol", "venue", "role", "side", "type", "status", "quantity", "price", "triggerPrice",
        "filledQuantity", "averagePrice", "lastFillQuantity", "lastFillPrice", "fee", "feeAsset", "reduceOnly",
        "rejectReason", "tradeId", "realizedPnl", "denyReason", "market", "marginAsset", "contractSize", "closeReason",
        "eventTime", "producedAt"})
public record OrderUpdated(
        String clientOrderId,
        String exchangeOrderId,
        String botId,
        String signalId,
        Symbol symbol,
        Venue venue,
        OrderRole role,
        Side side,
        OrderType type,
        OrderStatus status,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal triggerPrice,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        BigDecimal lastFillQuantity,
        BigDecimal lastFillPrice,
        BigDecimal fee,
        String feeAsset,
        boolean reduceOnly,
        String rejectReason,
        String tradeId,
        BigDecimal realizedPnl,
        String denyReason,
        Market market,
        String marginAsset,
        BigDecimal contractSize,
        CloseReason closeReason,
        long eventTime,
        long producedAt) implements Event {

    private static final Fields FIELDS = new Fields("OrderUpdated");

    public OrderUpdated {
        FIELDS.requiredText("clientOrderId", clientOrderId);
        FIELDS.requiredText("botId", botId);
        FIELDS.required("symbol", symbol);
        FIELDS.required("venue", venue);
        FIELDS.required("role", role);
        FIELDS.required("side", side);
        FIELDS.required("type", type);
        FIELDS.required("status", status);
        if (status == OrderStatus.DENIED) {
            // Denied before sizing (a stopped bot, a stale signal) there is no quantity yet: 0.
            FIELDS.notNegative("quantity", quantity);
            FIELDS.requiredText("denyReason", denyReason);
        } else {
            FIELDS.positive("quantity", quantity);
            FIELDS.absent("denyReason", denyReason, "unless status is DENIED");
        }
        FIELDS.positiveIfPresent("price", price);
        FIELDS.positiveIfPresent("triggerPrice", triggerPrice);
        FIELDS.notNegative("filledQuantity", filledQuantity);
        FIELDS.positiveIfPresent("averagePrice", averagePrice);
        FIELDS.timestamp("eventTime", eventTime);
        FIELDS.timestamp("producedAt", producedAt);
        if (filledQuantity.compareTo(quantity) > 0) {
            throw FIELDS.invalid("filledQuantity", "field 'filledQuantity' " + filledQuantity.toPlainString()
                    + " exceeds quantity " + quantity.toPlainString());
        }
        if (type == OrderType.LIMIT) {
            FIELDS.required("price", price);
        }
        if (type == OrderType.STOP_MARKET || type == OrderType.TAKE_PROFIT_MARKET) {
            FIELDS.required("triggerPrice", triggerPrice);
        }
        if (lastFillQuantity != null || lastFillPrice != null) {
            FIELDS.positive("lastFillQuantity", lastFillQuantity);
            FIELDS.positive("lastFillPrice", lastFillPrice);
        }
        if (tradeId != null) {
            FIELDS.requiredText("tradeId", tradeId);
            FIELDS.required("lastFillQuantity", lastFillQuantity);
        }
        if (realizedPnl != null) {
            FIELDS.required("lastFillQuantity", lastFillQuantity);
        }
        if (market != null || marginAsset != null || contractSize != null) {
            // The three describe the symbol together: a consumer accounting a fill needs all of them.
            FIELDS.required("market", market);
            FIELDS.requiredText("marginAsset", marginAsset);
            FIELDS.positive("contractSize", contractSize);
        }
        if (closeReason != null && role != OrderRole.EXIT) {
            FIELDS.absent("closeReason", closeReason, "unless role is EXIT");
        }
        if (fee != null || feeAsset != null) {
            FIELDS.required("fee", fee);
            FIELDS.requiredText("feeAsset", feeAsset);
        }
    }

    @Override
    public String eventId() {
        return clientOrderId + "-" + status + "-" + filledQuantity.stripTrailingZeros().toPlainString();
    }

    @Override
    public String key() {
        return symbol.value();
    }
}
