package io.tradeflow.execution.binance;

import java.util.List;

/**
 * Reads Binance USD-M futures REST answers (the 2xx bodies; error bodies {@code {"code":..,"msg":..}} are the REST
 * client's business) into {@link OrderAnswer}, {@link AlgoOrderAnswer}, {@link PositionRisk} and {@link UserTrade}.
 * Unknown fields are ignored; a missing field we use, or one of the wrong kind, gives a
 * {@link BinancePayloadException} naming the answer and the field ({@code order answer: executedQty (executed
 * quantity) is missing}, {@code userTrades answer: [2].price (price) is not a decimal: "abc"}).
 */
public final class ExchangeAnswers {

    private ExchangeAnswers() {
    }

    /** {@code POST /fapi/v1/order} (newOrderRespType=RESULT), {@code GET} or {@code DELETE /fapi/v1/order}. */
    public static OrderAnswer order(String json) {
        String answer = "order answer";
        return order(JsonFields.of(JsonFields.tree(json, answer), answer, ""));
    }

    /** {@code GET /fapi/v1/openOrders}, {@code GET /fapi/v1/allOrders}; a JSON array of orders. */
    public static List<OrderAnswer> orders(String json) {
        String answer = "orders answer";
        return JsonFields.items(JsonFields.tree(json, answer), answer).stream().map(ExchangeAnswers::order).toList();
    }

    /** {@code POST /fapi/v1/algoOrder} or {@code GET /fapi/v1/algoOrder}. */
    public static AlgoOrderAnswer algoOrder(String json) {
        String answer = "algo order answer";
        return algoOrder(JsonFields.of(JsonFields.tree(json, answer), answer, ""));
    }

    /** {@code GET /fapi/v1/openAlgoOrders}; a JSON array of algo orders. */
    public static List<AlgoOrderAnswer> algoOrders(String json) {
        String answer = "algo orders answer";
        return JsonFields.items(JsonFields.tree(json, answer), answer).stream().map(ExchangeAnswers::algoOrder)
                .toList();
    }

    /** {@code GET /fapi/v3/positionRisk}; a JSON array. */
    public static List<PositionRisk> positionRisks(String json) {
        String answer = "positionRisk answer";
        return JsonFields.items(JsonFields.tree(json, answer), answer).stream().map(ExchangeAnswers::positionRisk)
                .toList();
    }

    /** {@code GET /fapi/v1/userTrades}; a JSON array. */
    public static List<UserTrade> userTrades(String json) {
        String answer = "userTrades answer";
        return JsonFields.items(JsonFields.tree(json, answer), answer).stream().map(ExchangeAnswers::userTrade)
                .toList();
    }

    private static OrderAnswer order(JsonFields f) {
        return new OrderAnswer(
                f.integer("orderId", "orderId"),
                f.text("clientOrderId", "clientOrderId"),
                f.text("symbol", "symbol"),
                f.text("status", "status"),
                f.text("type", "order type"),
                f.optionalText("origType", "original order type"),
                f.text("side", "side"),
                f.text("positionSide", "position side"),
                f.optionalText("timeInForce", "time in force"),
                f.decimal("origQty", "original quantity"),
                f.optionalDecimal("price", "price"),
                f.optionalDecimal("stopPrice", "stop price"),
                f.decimal("executedQty", "executed quantity"),
                f.optionalDecimal("cumQty", "cumulative quantity"),
                f.optionalDecimal("cumQuote", "cumulative quote"),
                f.optionalDecimal("avgPrice", "average price"),
                f.bool("reduceOnly", "reduce only"),
                f.optionalBool("closePosition", "close position", false),
                f.optionalText("workingType", "working type"),
                f.optionalInteger("time", "creation time").orElse(0),
                f.integer("updateTime", "update time"));
    }

    private static AlgoOrderAnswer algoOrder(JsonFields f) {
        return new AlgoOrderAnswer(
                f.integer("algoId", "algoId"),
                f.text("clientAlgoId", "clientAlgoId"),
                f.optionalText("algoType", "algo type"),
                f.text("orderType", "order type"),
                f.text("symbol", "symbol"),
                f.text("side", "side"),
                f.optionalText("positionSide", "position side"),
                f.optionalText("timeInForce", "time in force"),
                f.decimal("quantity", "quantity"),
                f.text("algoStatus", "algo status"),
                f.optionalInteger("actualOrderId", "actual orderId"),
                f.optionalDecimal("actualPrice", "actual price"),
                f.decimal("triggerPrice", "trigger price"),
                f.optionalDecimal("price", "price"),
                f.optionalText("workingType", "working type"),
                f.optionalBool("closePosition", "close position", false),
                f.optionalBool("priceProtect", "price protect", false),
                f.optionalBool("reduceOnly", "reduce only", false),
                f.optionalDecimal("activatePrice", "activate price"),
                f.optionalDecimal("callbackRate", "callback rate"),
                f.integer("createTime", "create time"),
                f.integer("updateTime", "update time"),
                f.optionalInteger("triggerTime", "trigger time").orElse(0));
    }

    private static PositionRisk positionRisk(JsonFields f) {
        return new PositionRisk(
                f.text("symbol", "symbol"),
                f.text("positionSide", "position side"),
                f.decimal("positionAmt", "position amount"),
                f.decimal("entryPrice", "entry price"),
                f.optionalDecimal("breakEvenPrice", "break-even price"),
                f.decimal("markPrice", "mark price"),
                f.decimal("unRealizedProfit", "unrealized profit"),
                f.optionalDecimal("liquidationPrice", "liquidation price"),
                f.optionalDecimal("isolatedMargin", "isolated margin"),
                f.optionalDecimal("notional", "notional"),
                f.optionalText("marginAsset", "margin asset"),
                f.optionalDecimal("initialMargin", "initial margin"),
                f.optionalDecimal("maintMargin", "maintenance margin"),
                f.integer("updateTime", "update time"));
    }

    private static UserTrade userTrade(JsonFields f) {
        return new UserTrade(
                f.integer("id", "tradeId"),
                f.integer("orderId", "orderId"),
                f.text("symbol", "symbol"),
                f.text("side", "side"),
                f.optionalText("positionSide", "position side"),
                f.decimal("price", "price"),
                f.decimal("qty", "quantity"),
                f.optionalDecimal("quoteQty", "quote quantity"),
                f.decimal("commission", "commission"),
                f.text("commissionAsset", "commission asset"),
                f.decimal("realizedPnl", "realized profit"),
                f.bool("maker", "maker"),
                f.integer("time", "time"));
    }
}
