package io.tradeflow.core.execution;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.order.SymbolRules;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A command to a venue: place one order for a bot, caused by a signal.
 *
 * @param quantity       rounded to the symbol's step
 * @param triggerPrice   rounded to the tick, for STOP_MARKET and TAKE_PROFIT_MARKET; null for MARKET
 * @param referencePrice the signal's reference price (its kline's close): where the paper venue fills a MARKET order
 * @param klineOpenTime  open time of the signal's kline
 * @param time           market time of the order, epoch ms (the signal's event time)
 * @param closeReason    for an EXIT order, why it exits; null for the other roles
 */
public record PlaceOrder(String clientOrderId, String signalId, BotDefinition bot, SymbolRules rules, OrderRole role,
                         Side side, OrderType type, BigDecimal quantity, BigDecimal triggerPrice, boolean reduceOnly,
                         BigDecimal referencePrice, long klineOpenTime, long time, CloseReason closeReason) {

    public PlaceOrder {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(referencePrice, "referencePrice");
    }
}
