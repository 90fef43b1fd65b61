package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.execution.binance.UserEvent.AccountUpdate;
import io.tradeflow.execution.binance.UserEvent.AlgoUpdate;
import io.tradeflow.execution.binance.UserEvent.ListenKeyExpired;
import io.tradeflow.execution.binance.UserEvent.OrderTradeUpdate;
import io.tradeflow.execution.binance.UserEvent.Other;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Reads one USD-M futures user-data stream message into a {@link UserEvent}. Field letters follow Binance's docs
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams); unknown fields are ignored,
 * fields we rely on are required, and a message that breaks that is refused with a {@link BinancePayloadException}
 * naming the event type and the field path ({@code ORDER_TRADE_UPDATE: o.i (orderId) is missing}).
 */
public final class UserEvents {

    /** Event types Binance documents for the USD-M user stream that this service reads but does not act on. */
    public static final Set<String> IGNORED_TYPES = Set.of("TRADE_LITE", "ACCOUNT_CONFIG_UPDATE", "MARGIN_CALL",
            "CONDITIONAL_ORDER_TRIGGER_REJECT", "GRID_UPDATE", "STRATEGY_UPDATE");

    private static final String MESSAGE = "user-data message";

    private UserEvents() {
    }

    /**
     * Parses one message. A combined-stream wrapper ({@code {"stream": ..., "data": {...}}}) is unwrapped first.
     *
     * @throws BinancePayloadException when the text is not a JSON object, has no event type {@code e} or time
     *                                 {@code E}, or a known event lacks a field we use or has one of the wrong kind
     */
    public static UserEvent parse(String json) {
        JsonNode root = JsonFields.tree(json, MESSAGE);
        if (root.isObject() && !root.has("e") && root.path("data").isObject()) {
            root = root.get("data");
        }
        JsonFields top = JsonFields.of(root, MESSAGE, "");
        String type = top.text("e", "event type");
        JsonFields event = JsonFields.of(root, type.length() <= 40 ? type : type.substring(0, 40) + "...", "");
        long eventTime = event.integer("E", "event time");
        return switch (type) {
            case "ORDER_TRADE_UPDATE" -> orderTradeUpdate(event, eventTime);
            case "ALGO_UPDATE" -> algoUpdate(event, eventTime);
            case "ACCOUNT_UPDATE" -> accountUpdate(event, eventTime);
            case "listenKeyExpired" -> new ListenKeyExpired(eventTime, event.optionalText("listenKey", "listen key"));
            default -> new Other(eventTime, type, IGNORED_TYPES.contains(type));
        };
    }

    private static OrderTradeUpdate orderTradeUpdate(JsonFields event, long eventTime) {
        JsonFields o = event.object("o", "order");
        return new OrderTradeUpdate(eventTime,
                event.integer("T", "transaction time"),
                o.text("s", "symbol"),
                o.text("c", "clientOrderId"),
                o.text("S", "side"),
                o.text("o", "order type"),
                o.optionalText("f", "time in force"),
                o.decimal("q", "original quantity"),
                o.optionalDecimal("p", "original price"),
                o.decimal("ap", "average price"),
                o.optionalDecimal("sp", "stop price"),
                o.text("x", "execution type"),
                o.text("X", "status"),
                o.integer("i", "orderId"),
                o.decimal("l", "last filled quantity"),
                o.decimal("z", "cumulative filled quantity"),
                o.decimal("L", "last filled price"),
                o.optionalText("N", "commission asset"),
                o.optionalDecimal("n", "commission"),
                o.integer("T", "trade time"),
                o.integer("t", "tradeId"),
                o.bool("m", "maker"),
                o.bool("R", "reduce only"),
                o.optionalText("wt", "working type"),
                o.optionalText("ot", "original order type"),
                o.text("ps", "position side"),
                o.optionalBool("cp", "close position", false),
                o.optionalDecimal("rp", "realized profit"),
                expiryReason(o));
    }

    /** {@code er}: a string in the docs' sample ({@code "er":"0"}), a number taken too; 0 when absent. */
    private static int expiryReason(JsonFields o) {
        BigDecimal reason = o.optionalDecimal("er", "expiry reason");
        return reason == null ? 0 : reason.intValueExact();
    }

    private static AlgoUpdate algoUpdate(JsonFields event, long eventTime) {
        JsonFields o = event.object("o", "algo order");
        return new AlgoUpdate(eventTime,
                event.integer("T", "transaction time"),
                o.text("caid", "clientAlgoId"),
                o.integer("aid", "algoId"),
                o.optionalText("at", "algo type"),
                o.text("o", "order type"),
                o.text("s", "symbol"),
                o.text("S", "side"),
                o.text("ps", "position side"),
                o.optionalText("f", "time in force"),
                o.decimal("q", "quantity"),
                o.text("X", "algo status"),
                o.optionalInteger("ai", "actual orderId"),
                o.optionalDecimal("ap", "average price"),
                o.optionalDecimal("aq", "executed quantity"),
                o.optionalText("act", "actual order type"),
                o.decimal("tp", "trigger price"),
                o.optionalDecimal("p", "price"),
                o.optionalText("wt", "working type"),
                o.optionalBool("cp", "close position", false),
                o.optionalBool("pP", "price protect", false),
                o.optionalBool("R", "reduce only", false),
                o.optionalInteger("tt", "trigger time").orElse(0),
                o.optionalText("rm", "failure reason"));
    }

    private static AccountUpdate accountUpdate(JsonFields event, long eventTime) {
        JsonFields a = event.object("a", "account");
        List<AccountUpdate.Balance> balances = a.optionalArray("B", "balances").stream()
                .map(b -> new AccountUpdate.Balance(
                        b.text("a", "asset"),
                        b.decimal("wb", "wallet balance"),
                        b.decimal("cw", "cross wallet balance"),
                        b.optionalDecimal("bc", "balance change")))
                .toList();
        List<AccountUpdate.PositionState> positions = a.optionalArray("P", "positions").stream()
                .map(p -> new AccountUpdate.PositionState(
                        p.text("s", "symbol"),
                        p.decimal("pa", "position amount"),
                        p.decimal("ep", "entry price"),
                        p.optionalDecimal("bep", "break-even price"),
                        p.optionalDecimal("cr", "accumulated realized"),
                        p.decimal("up", "unrealized profit"),
                        p.optionalText("mt", "margin type"),
                        p.optionalDecimal("iw", "isolated wallet"),
                        p.text("ps", "position side")))
                .toList();
        return new AccountUpdate(eventTime, event.integer("T", "transaction time"), a.text("m", "reason"), balances,
                positions);
    }
}
