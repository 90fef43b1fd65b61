package io.tradeflow.core.execution;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.order.SymbolRules;

import java.math.BigDecimal;

/**
 * Builds the {@link OrderUpdated} events of one order as its state moves; keeps the 30-argument constructor in one place.
 * {@code rules} (the symbol's market, margin asset and contract size on the events) is null for a denied order: nothing
 * was placed. Venue adapters build theirs with it too ({@link #of(PlaceOrder)}, {@link #withExchangeOrderId}, and the
 * states a real venue reports: {@link #fill}, {@link #rejected}, {@link #ended}).
 */
public record OrderEvents(String clientOrderId, String botId, String signalId, Symbol symbol, Venue venue,
                          OrderRole role, Side side, OrderType type, BigDecimal quantity, BigDecimal triggerPrice,
                          boolean reduceOnly, SymbolRules rules, CloseReason closeReason, String exchangeOrderId) {

    OrderEvents(String clientOrderId, String botId, String signalId, Symbol symbol, Venue venue, OrderRole role,
                Side side, OrderType type, BigDecimal quantity, BigDecimal triggerPrice, boolean reduceOnly,
                SymbolRules rules, CloseReason closeReason) {
        this(clientOrderId, botId, signalId, symbol, venue, role, side, type, quantity, triggerPrice, reduceOnly, rules,
                closeReason, null);
    }

    /** The events of the order {@code order} places. */
    public static OrderEvents of(PlaceOrder order) {
        return new OrderEvents(order.clientOrderId(), order.bot().botId(), order.signalId(), order.bot().symbol(),
                order.bot().venue(), order.role(), order.side(), order.type(), order.quantity(), order.triggerPrice(),
                order.reduceOnly(), order.rules(), order.closeReason());
    }

    static OrderEvents of(WorkingOrder order, PaperAccount account, Venue venue, SymbolRules rules) {
        return new OrderEvents(order.clientOrderId(), account.botId(), order.signalId(), account.symbol(), venue,
                order.role(), order.side(), order.type(), order.quantity(), order.triggerPrice(), true, rules, null);
    }

    /** The same order as the venue knows it: its id there on every event from now on. */
    public OrderEvents withExchangeOrderId(String id) {
        return new OrderEvents(clientOrderId, botId, signalId, symbol, venue, role, side, type, quantity, triggerPrice,
                reduceOnly, rules, closeReason, id);
    }

    /** The venue accepted the order ({@code NEW}, nothing filled). */
    public OrderUpdated accepted(long time, long producedAt) {
        return event(OrderStatus.NEW, BigDecimal.ZERO, null, null, null, null, null, time, producedAt);
    }

    /** Canceled with nothing filled. */
    public OrderUpdated canceled(long time, long producedAt) {
        return event(OrderStatus.CANCELED, BigDecimal.ZERO, null, null, null, null, null, time, producedAt);
    }

    /**
     * One fill of a real venue: {@code filled} is the order's cumulative filled quantity after it ({@code FILLED} once
     * it reaches the quantity, {@code PARTIALLY_FILLED} before), {@code averagePrice} the venue's average so far.
     */
    public OrderUpdated fill(BigDecimal filled, BigDecimal averagePrice, BigDecimal lastQuantity, BigDecimal lastPrice,
                             BigDecimal fee, String feeAsset, String tradeId, BigDecimal realizedPnl, long time,
                             long producedAt) {
        OrderStatus status = filled.compareTo(quantity) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        return new OrderUpdated(clientOrderId, exchangeOrderId, botId, signalId, symbol, venue, role, side, type,
                status, quantity, null, triggerPrice, filled, averagePrice, lastQuantity, lastPrice, fee, feeAsset,
                reduceOnly, null, tradeId, realizedPnl, null, market(), marginAsset(), contractSize(), closeReason,
                time, producedAt);
    }

    /** The venue refused the order; {@code reason} is its code and message (never a secret). */
    public OrderUpdated rejected(String reason, long time, long producedAt) {
        return new OrderUpdated(clientOrderId, exchangeOrderId, botId, signalId, symbol, venue, role, side, type,
                OrderStatus.REJECTED, quantity, null, triggerPrice, BigDecimal.ZERO, null, null, null, null, null,
                reduceOnly, reason, null, null, null, market(), marginAsset(), contractSize(), closeReason, time,
                producedAt);
    }

    /**
     * The order ended before filling whole ({@code CANCELED} or {@code EXPIRED}) with {@code filled} filled at
     * {@code averagePrice} (null when nothing filled).
     */
    public OrderUpdated ended(OrderStatus status, BigDecimal filled, BigDecimal averagePrice, long time,
                              long producedAt) {
        return new OrderUpdated(clientOrderId, exchangeOrderId, botId, signalId, symbol, venue, role, side, type,
                status, quantity, null, triggerPrice, filled, averagePrice, null, null, null, null, reduceOnly, null,
                null, null, null, market(), marginAsset(), contractSize(), closeReason, time, producedAt);
    }

    /** The whole quantity filled in one fill. */
    OrderUpdated filled(BigDecimal price, BigDecimal fee, String feeAsset, String tradeId, BigDecimal realizedPnl,
                        long time, long producedAt) {
        return event(OrderStatus.FILLED, quantity, price, fee, feeAsset, tradeId, realizedPnl, time, producedAt);
    }

    OrderUpdated denied(Denial denial, long time, long producedAt) {
        return new OrderUpdated(clientOrderId, null, botId, signalId, symbol, venue, role, side, type,
                OrderStatus.DENIED, quantity, null, triggerPrice, BigDecimal.ZERO, null, null, null, null, null,
                reduceOnly, null, null, null, denial.reason().code(), market(), marginAsset(), contractSize(),
                closeReason, time, producedAt);
    }

    private OrderUpdated event(OrderStatus status, BigDecimal filled, BigDecimal price, BigDecimal fee,
                               String feeAsset, String tradeId, BigDecimal realizedPnl, long time, long producedAt) {
        return new OrderUpdated(clientOrderId, exchangeOrderId, botId, signalId, symbol, venue, role, side, type, status,
                quantity, null, triggerPrice, filled, price, price == null ? null : filled, price, fee, feeAsset,
                reduceOnly, null, tradeId, realizedPnl, null, market(), marginAsset(), contractSize(), closeReason,
                time, producedAt);
    }

    Market market() {
        return rules == null ? null : rules.market();
    }

    String marginAsset() {
        return rules == null ? null : rules.marginAsset();
    }

    BigDecimal contractSize() {
        return rules == null ? null : rules.contractSize();
    }
}
