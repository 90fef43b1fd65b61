package io.tradeflow.execution.rest;

import java.math.BigDecimal;

/**
 * An order in its latest state, as {@code GET /api/v1/orders} returns it: what was decided ({@code order_intents})
 * and what became of it ({@code orders}). Decimals are plain strings as on {@code orders.v1} ({@code "0.028"}),
 * absent values null. {@code eventTime} is the venue time of the latest state (the last {@code OrderUpdated}'s; for
 * the paper venue the simulated market time), {@code createdAt} and {@code updatedAt} the service's wall clock when
 * it stored the order and its latest state. There is no limit price: no order type placed today has one.
 */
public record OrderView(String clientOrderId, String botId, String signalId, String symbol, String venue, String role,
        String side, String type, String quantity, String triggerPrice, boolean reduceOnly, String status,
        String filledQuantity, String averagePrice, String denyReason, String rejectReason, long eventTime,
        long createdAt, long updatedAt) {

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
