package io.tradeflow.execution.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.execution.binance.FakeState.AlgoRow;
import io.tradeflow.execution.binance.FakeState.OrderRow;
import io.tradeflow.execution.binance.FakeState.PositionRow;
import io.tradeflow.execution.binance.FakeState.Trade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * The payloads {@link BinanceFuturesFake} sends, each built on an official sample under {@code /binance/} (see the
 * README there): a copy of the sample with the values of the fake's state put in, so field names, types and the
 * fields a client does not read are Binance's.
 */
final class FakeMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode NEW_ORDER = object("usdm_rest_new_order_response_LIMIT.official_docs.json");
    private static final ObjectNode QUERY_ORDER = first("usdm_rest_open_orders_response.official_docs.json");
    private static final ObjectNode NEW_ALGO = object("usdm_rest_new_algo_order_response.official_docs.json");
    private static final ObjectNode QUERY_ALGO = object("usdm_rest_query_algo_order_response.official_docs.json");
    private static final ObjectNode ORDER_UPDATE = object("usdm_user_ORDER_TRADE_UPDATE.official_docs.json");
    private static final ObjectNode ALGO_UPDATE = object("usdm_user_ALGO_UPDATE.official_docs.json");
    private static final ObjectNode ACCOUNT_UPDATE = object("usdm_user_ACCOUNT_UPDATE.official_docs.json");
    private static final ObjectNode KEY_EXPIRED = object("usdm_user_listenKeyExpired.official_docs.json");
    /** The documented error codes, the copy the service ships (src/main/resources/binance/SOURCES.md). */
    private static final JsonNode ERRORS = json(text("/binance/usdm_error_codes.json"));

    private FakeMessages() {
    }

    // ---- REST answers

    /** POST /fapi/v1/order and DELETE /fapi/v1/order (docs: New Order, Cancel Order). */
    static ObjectNode orderAnswer(OrderRow order) {
        ObjectNode answer = NEW_ORDER.deepCopy();
        answer.put("clientOrderId", order.clientOrderId);
        answer.put("cumQty", plain(order.executedQty));
        answer.put("cumQuote", plain(order.cumQuote()));
        answer.put("executedQty", plain(order.executedQty));
        answer.put("orderId", order.orderId);
        answer.put("avgPrice", plain(order.avgPrice));
        orderFields(answer, order);
        return answer;
    }

    /** GET /fapi/v1/order and the rows of GET /fapi/v1/openOrders (docs: Query Order, Current All Open Orders). */
    static ObjectNode orderQuery(OrderRow order) {
        ObjectNode answer = QUERY_ORDER.deepCopy();
        answer.remove("activatePrice");
        answer.remove("priceRate");
        answer.put("avgPrice", plain(order.avgPrice));
        answer.put("clientOrderId", order.clientOrderId);
        answer.put("cumQuote", plain(order.cumQuote()));
        answer.put("executedQty", plain(order.executedQty));
        answer.put("orderId", order.orderId);
        answer.put("time", order.time);
        orderFields(answer, order);
        return answer;
    }

    private static void orderFields(ObjectNode answer, OrderRow order) {
        answer.put("origQty", plain(order.origQty));
        answer.put("price", plain(order.price));
        answer.put("reduceOnly", order.reduceOnly);
        answer.put("side", order.side);
        answer.put("positionSide", "BOTH");
        answer.put("status", order.status);
        answer.put("stopPrice", plain(order.stopPrice));
        answer.put("closePosition", order.closePosition);
        answer.put("symbol", order.symbol);
        answer.put("timeInForce", order.timeInForce);
        answer.put("type", order.type);
        answer.put("origType", order.origType);
        answer.put("updateTime", order.updateTime);
        answer.put("workingType", order.workingType);
        answer.put("priceProtect", order.priceProtect);
        answer.put("priceMatch", "NONE");
        answer.put("selfTradePreventionMode", "EXPIRE_MAKER");
        answer.put("goodTillDate", 0);
    }

    /** POST /fapi/v1/algoOrder (docs: New Algo Order). */
    static ObjectNode algoAnswer(AlgoRow algo) {
        ObjectNode answer = NEW_ALGO.deepCopy();
        algoFields(answer, algo);
        answer.put("activatePrice", "");
        answer.put("callbackRate", "");
        return answer;
    }

    /** GET /fapi/v1/algoOrder and the rows of GET /fapi/v1/openAlgoOrders (docs: Query Algo Order). */
    static ObjectNode algoQuery(AlgoRow algo) {
        ObjectNode answer = QUERY_ALGO.deepCopy();
        algoFields(answer, algo);
        answer.put("actualOrderId", algo.actualOrderId == null ? "" : String.valueOf(algo.actualOrderId));
        answer.put("actualPrice", plain(algo.avgPrice));
        return answer;
    }

    private static void algoFields(ObjectNode answer, AlgoRow algo) {
        answer.put("algoId", algo.algoId);
        answer.put("clientAlgoId", algo.clientAlgoId);
        answer.put("algoType", "CONDITIONAL");
        answer.put("orderType", algo.orderType);
        answer.put("symbol", algo.symbol);
        answer.put("side", algo.side);
        answer.put("positionSide", "BOTH");
        answer.put("timeInForce", algo.timeInForce);
        answer.put("quantity", algo.quantity == null ? "0" : plain(algo.quantity));
        answer.put("algoStatus", algo.algoStatus);
        answer.put("triggerPrice", plain(algo.triggerPrice));
        answer.put("price", "0");
        answer.put("workingType", algo.workingType);
        answer.put("priceMatch", "NONE");
        answer.put("closePosition", algo.closePosition);
        answer.put("priceProtect", algo.priceProtect);
        answer.put("reduceOnly", algo.reduceOnly);
        answer.put("createTime", algo.createTime);
        answer.put("updateTime", algo.updateTime);
        answer.put("triggerTime", algo.triggerTime);
    }

    /** DELETE /fapi/v1/algoOrder (docs: Cancel Algo Order; note {@code "code": "200"} is a string there). */
    static ObjectNode algoCanceled(AlgoRow algo) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("algoId", algo.algoId);
        answer.put("clientAlgoId", algo.clientAlgoId);
        answer.put("code", "200");
        answer.put("msg", "success");
        return answer;
    }

    // ---- user-data events

    /** ORDER_TRADE_UPDATE: NEW / CANCELED without {@code trade}, TRADE with it (docs: Event: Order Update). */
    static ObjectNode orderTradeUpdate(OrderRow order, Trade trade, long time) {
        ObjectNode event = ORDER_UPDATE.deepCopy();
        event.put("E", time);
        event.put("T", time);
        ObjectNode o = (ObjectNode) event.get("o");
        o.remove(List.of("AP", "cr"));
        o.put("s", order.symbol);
        o.put("c", order.clientOrderId);
        o.put("S", order.side);
        o.put("o", order.type);
        o.put("f", order.timeInForce);
        o.put("q", plain(order.origQty));
        o.put("p", plain(order.price));
        o.put("ap", plain(order.avgPrice));
        o.put("sp", plain(order.stopPrice));
        o.put("x", trade != null ? "TRADE" : order.status);
        o.put("X", order.status);
        o.put("i", order.orderId);
        o.put("l", trade == null ? "0" : plain(trade.qty()));
        o.put("z", plain(order.executedQty));
        o.put("L", trade == null ? "0" : plain(trade.price()));
        o.put("N", FakeAccount.ASSET);
        o.put("n", trade == null ? "0" : plain(trade.commission()));
        o.put("T", time);
        o.put("t", trade == null ? 0 : trade.id());
        o.put("b", "0");
        o.put("a", "0");
        o.put("m", trade != null && trade.maker());
        o.put("R", order.reduceOnly);
        o.put("wt", order.workingType);
        o.put("ot", order.origType);
        o.put("ps", "BOTH");
        o.put("cp", order.closePosition);
        o.put("pP", order.priceProtect);
        o.put("rp", trade == null ? "0" : plain(trade.realizedPnl()));
        o.put("V", "EXPIRE_MAKER");
        o.put("pm", "NONE");
        o.put("gtd", 0);
        o.put("er", "0");
        return event;
    }

    /** ALGO_UPDATE (docs: Event: Algo Order Update); {@code rm} only with a failure, {@code ai} "" until triggered. */
    static ObjectNode algoUpdate(AlgoRow algo, long time) {
        ObjectNode event = ALGO_UPDATE.deepCopy();
        event.put("T", time);
        event.put("E", time);
        ObjectNode o = (ObjectNode) event.get("o");
        o.put("caid", algo.clientAlgoId);
        o.put("aid", algo.algoId);
        o.put("at", "CONDITIONAL");
        o.put("o", algo.orderType);
        o.put("s", algo.symbol);
        o.put("S", algo.side);
        o.put("ps", "BOTH");
        o.put("f", algo.timeInForce);
        o.put("q", algo.quantity == null ? "0" : plain(algo.quantity));
        o.put("X", algo.algoStatus);
        o.put("ai", algo.actualOrderId == null ? "" : String.valueOf(algo.actualOrderId));
        o.put("ap", plain(algo.avgPrice));
        o.put("aq", plain(algo.executedQty));
        o.put("act", algo.actualOrderId == null ? "0" : "MARKET");
        o.put("tp", plain(algo.triggerPrice));
        o.put("p", "0");
        o.put("V", "EXPIRE_MAKER");
        o.put("wt", algo.workingType);
        o.put("pm", "NONE");
        o.put("cp", algo.closePosition);
        o.put("pP", algo.priceProtect);
        o.put("R", algo.reduceOnly);
        o.put("tt", algo.triggerTime);
        o.put("gtd", 0);
        if (algo.failure == null) {
            o.remove("rm");
        } else {
            o.put("rm", algo.failure);
        }
        return event;
    }

    /**
     * ACCOUNT_UPDATE for a fill: the balance of {@code asset} (USDT; COIN-M the margin coin) and the one position it
     * changed, with its unrealised PnL (docs: Balance and Position Update).
     */
    static ObjectNode accountUpdate(String asset, BigDecimal wallet, PositionRow position, BigDecimal unrealized,
                                    long time) {
        ObjectNode event = ACCOUNT_UPDATE.deepCopy();
        event.put("E", time);
        event.put("T", time);
        ObjectNode a = (ObjectNode) event.get("a");
        a.put("m", "ORDER");
        ObjectNode balance = ((ObjectNode) a.get("B").get(0)).deepCopy();
        balance.put("a", asset);
        balance.put("wb", plain(wallet));
        balance.put("cw", plain(wallet));
        balance.put("bc", "0");
        ObjectNode row = ((ObjectNode) a.get("P").get(0)).deepCopy();
        row.put("s", position.symbol);
        row.put("pa", plain(position.amount));
        row.put("ep", plain(position.entryPrice));
        row.put("bep", plain(position.entryPrice));
        row.put("cr", plain(position.realizedPnl));
        row.put("up", plain(unrealized));
        row.put("mt", position.marginType.equals("ISOLATED") ? "isolated" : "cross");
        row.put("iw", "0");
        row.put("ps", "BOTH");
        a.set("B", JSON.createArrayNode().add(balance));
        a.set("P", JSON.createArrayNode().add(row));
        return event;
    }

    /** listenKeyExpired (docs: Event: User Data Stream Expired). */
    static ObjectNode listenKeyExpired(String listenKey, long time) {
        ObjectNode event = KEY_EXPIRED.deepCopy();
        event.put("E", time);
        event.put("listenKey", listenKey);
        return event;
    }

    static BigDecimal unrealized(PositionRow position, BigDecimal mark) {
        return mark == null ? BigDecimal.ZERO : mark.subtract(position.entryPrice).multiply(position.amount);
    }

    // ---- errors

    /** The first documented message of {@code code} (docs: Error Codes), with no placeholder. */
    static String errorMessage(int code) {
        return errorMessage(code, new Object[0]);
    }

    /** The documented message of {@code code} with as many {@code %s} as {@code arguments}, filled in. */
    static String errorMessage(int code, Object... arguments) {
        for (JsonNode error : ERRORS) {
            if (error.get("code").asInt() != code) {
                continue;
            }
            for (JsonNode message : error.get("messages")) {
                String text = message.asText();
                if (text.split("%s", -1).length - 1 == arguments.length) {
                    return String.format(text, arguments);
                }
            }
            return error.get("messages").get(0).asText();
        }
        throw new IllegalArgumentException("no documented Binance error " + code);
    }

    static String errorBody(int code, String msg) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("msg", msg);
        return body.toString();
    }

    // ---- plumbing

    static ArrayNode array(Collection<? extends JsonNode> rows) {
        ArrayNode array = JSON.createArrayNode();
        array.addAll(rows);
        return array;
    }

    static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    /** A sample from {@code src/test/resources/binance/}. */
    static JsonNode resource(String name) {
        return json(text("/binance/" + name));
    }

    static String text(String path) {
        try (InputStream in = FakeMessages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(String name) {
        return (ObjectNode) resource(name);
    }

    /** The first row of a sample that is an array. */
    static ObjectNode first(String name) {
        return (ObjectNode) resource(name).get(0);
    }
}
