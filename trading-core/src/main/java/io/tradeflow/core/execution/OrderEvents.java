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
 * was placed.
 */
record OrderEvents(String clientOrderId, String botId, String signalId, Symbol symbol, Venue venue, OrderRole role,
                   Side side, OrderType type, BigDecimal quantity, BigDecimal triggerPrice, boolean reduceOnly,
                   SymbolRules rules, CloseReason closeReason) {

    static OrderEvents of(PlaceOrder order) {
        return new OrderEvents(order.clientOrderId(), order.bot().botId(), order.signalId(), order.bot().symbol(),
                order.bot().venue(), order.role(), order.side(), order.type(), order.quantity(), order.triggerPrice(),
                order.reduceOnly(), order.rules(), order.closeReason());
    }

    static OrderEvents of(WorkingOrder order, PaperAccount account, Venue venue, SymbolRules rules) {
        return new OrderEvents(order.clientOrderId(), account.botId(), order.signalId(), account.symbol(), venue,
                order.role(), order.side(), order.type(), order.quantity(), order.triggerPrice(), true, rules, null);
    }

    OrderUpdated accepted(long time, long producedAt) {
        return event(OrderStatus.NEW, BigDecimal.ZERO, null, null, null, null, null, time, producedAt);
    }

    OrderUpdated canceled(long time, long producedAt) {
        return event(OrderStatus.CANCELED, BigDecimal.ZERO, null, null, null, null, null, time, producedAt);
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
        return new OrderUpdated(clientOrderId, null, botId, signalId, symbol, venue, role, side, type, status,
                quantity, null, triggerPrice, filled, price, price == null ? null : filled, price, fee, feeAsset,
                reduceOnly, null, tradeId, realizedPnl, null, market(), marginAsset(), contractSize(), closeReason,
                time, producedAt);
    }

    private Market market() {
        return rules == null ? null : rules.market();
    }

    private String marginAsset() {
        return rules == null ? null : rules.marginAsset();
    }

    private BigDecimal contractSize() {
        return rules == null ? null : rules.contractSize();
    }
}
