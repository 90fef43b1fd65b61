package io.tradeflow.backtest;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Fill;
import io.tradeflow.core.position.PositionBook;
import io.tradeflow.core.position.PositionFill;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One bot's order events booked as position-service books them (its {@code Ledger} and {@code Fills}), with
 * trading-core's {@link PositionBook}: each fill into the bot's position, and the bracket's stop-loss (status NEW)
 * as the initial stop of the open position of the same signal, which R is measured against. Paper fees are in the
 * margin asset, so no fee is converted. Not thread-safe: one per bot per run.
 */
final class TradeBook {
    private final List<TrackedPosition> closed = new ArrayList<>();
    private TrackedPosition current;

    /** Books one order event; events without a fill only matter as a new bracket's stop-loss. */
    void add(OrderUpdated order) {
        if (order.lastFillQuantity() == null || order.lastFillPrice() == null) {
            if (current != null && current.isOpen() && current.initialStop() == null && isStopLoss(order)
                    && order.signalId().equals(current.signalId())) {
                current = current.withInitialStop(order.triggerPrice());
            }
            return;
        }
        BigDecimal contractSize = order.market() == Market.USD_M ? BigDecimal.ONE : order.contractSize();
        Fill fill = new Fill(order.side(), order.lastFillQuantity(), order.lastFillPrice(),
                order.fee() == null ? BigDecimal.ZERO : order.fee(),
                order.feeAsset() == null ? order.marginAsset() : order.feeAsset(), order.eventTime(), order.tradeId());
        PositionBook.Booked booked = PositionBook.book(current, new PositionFill(order.botId(), order.symbol(),
                order.venue(), Contract.of(order.market()), contractSize, order.marginAsset(), fill, order.signalId(),
                order.role(), order.closeReason(), null), order.eventTime());
        for (TrackedPosition position : booked.positions()) {
            if (!position.isOpen()) {
                closed.add(position);
            }
        }
        current = booked.current();
    }

    /** The positions closed so far, in the order they closed. */
    List<TrackedPosition> closed() {
        return closed;
    }

    private static boolean isStopLoss(OrderUpdated order) {
        return order.role() == OrderRole.STOP_LOSS && order.status() == OrderStatus.NEW && order.triggerPrice() != null
                && order.signalId() != null;
    }
}
