package io.tradeflow.execution.binance;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;

import java.math.BigDecimal;

/**
 * An order of a Binance venue that had not ended when the service stopped, as PostgreSQL keeps it (its intent and its
 * latest state): what a restarted venue takes up again ({@link BinanceVenue#restore}).
 *
 * @param filled          filled quantity so far
 * @param averagePrice    average fill price, null before a fill
 * @param eventTime       time of its latest state, epoch ms
 * @param closeReason     an exit's reason, null for the other roles
 * @param exchangeOrderId Binance's id of the order (an algo order's {@code algoId}), null until Binance answered
 */
public record VenueOrder(String clientOrderId, String signalId, String botId, Symbol symbol, OrderRole role, Side side,
                         OrderType type, BigDecimal quantity, BigDecimal triggerPrice, boolean reduceOnly,
                         OrderStatus status, BigDecimal filled, BigDecimal averagePrice, long eventTime,
                         CloseReason closeReason, String exchangeOrderId) {
}
