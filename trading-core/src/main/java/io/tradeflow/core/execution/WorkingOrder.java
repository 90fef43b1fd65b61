package io.tradeflow.core.execution;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;

import java.math.BigDecimal;

/**
 * A reduce-only conditional order resting at the paper venue: the stop-loss or take-profit of a position.
 *
 * @param triggerPrice rounded to the tick
 * @param activeAfter  kline open time of the entry: only later klines can trigger it
 */
public record WorkingOrder(String clientOrderId, String signalId, OrderRole role, Side side, OrderType type,
                           BigDecimal quantity, BigDecimal triggerPrice, long activeAfter) {
}
