package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.execution.binance.FakeState.OrderRow;
import io.tradeflow.execution.binance.FakeSymbols.Rules;

import java.math.BigDecimal;
import java.util.Set;

/**
 * COIN-M's stop orders in {@link BinanceFuturesFake}: STOP_MARKET and TAKE_PROFIT_MARKET placed on {@code POST
 * /dapi/v1/order} with {@code stopPrice} (COIN-M docs, New Order; BINANCE.md "Orders": COIN-M still takes stop types
 * on the order endpoint). A stop rests as an open order of the matching engine (status NEW, its type, its
 * {@code stopPrice}), found, listed and canceled as any order. When the mark crosses its trigger the same order (same
 * orderId and clientOrderId) becomes a MARKET order and fills at the mark, as ORDER_TRADE_UPDATE says: {@code x=EXPIRED
 * er=8} (expiry reason 8: the stop order expired as it triggered), {@code x=NEW X=NEW o=MARKET ot=<its type>}, then
 * {@code x=TRADE X=FILLED}. STOP, TAKE_PROFIT and TRAILING_STOP_MARKET are real
 * COIN-M types this fake does not model (-1116). Guarded by the account's lock.
 */
final class FakeStops {
    /** Order Update docs, "Expiry Reason" 8. */
    private static final int STOP_TRIGGERED = 8;


    static final Set<String> TYPES = Set.of("STOP_MARKET", "TAKE_PROFIT_MARKET");

    private final FakeAccount account;

    FakeStops(FakeAccount account) {
        this.account = account;
    }

    /**
     * Places a stop (the caller holds the account's lock). Rule source: COIN-M New Order docs: {@code stopPrice}
     * mandatory for these types; {@code closePosition=true} closes the whole position and takes neither
     * {@code quantity} (-4137) nor {@code reduceOnly} (-1106); {@code workingType} CONTRACT_PRICE by default;
     * {@code priceProtect} false by default; a trigger already crossed at the mark is -2021 (BINANCE.md, Trigger
     * rules). The fake has one price, so MARK_PRICE and CONTRACT_PRICE trigger alike.
     */
    JsonNode place(FakeParams p) {
        String symbol = p.required("symbol");
        Rules rules = account.symbols.rules(symbol);
        String side = p.side();
        String type = p.required("type");
        account.checkOneWay(p);
        BigDecimal stopPrice = p.decimal("stopPrice");
        rules.checkPrice(stopPrice);
        boolean closePosition = p.bool("closePosition");
        if (closePosition && p.optional("quantity") != null) {
            throw FakeRefusal.of(-4137);
        }
        if (closePosition && p.optional("reduceOnly") != null) {
            throw FakeRefusal.of(-1106, "reduceOnly");
        }
        BigDecimal quantity = BigDecimal.ZERO;
        if (!closePosition) {
            quantity = p.decimal("quantity");
            rules.checkQuantity(quantity, true);
        }
        String workingType = p.optional("workingType") == null ? "CONTRACT_PRICE" : p.optional("workingType");
        if (!workingType.equals("CONTRACT_PRICE") && !workingType.equals("MARK_PRICE")) {
            throw FakeRefusal.of(-1130, "workingType");
        }
        String clientId = account.clientId(p.optional("newClientOrderId"));
        account.checkUnique(clientId);
        if (FakeState.triggers(type, side, stopPrice, account.mark(symbol))) {
            throw FakeRefusal.of(-2021);
        }
        OrderRow order = account.newOrder(symbol, side, type, type, clientId, quantity);
        order.stopPrice = stopPrice;
        order.reduceOnly = p.bool("reduceOnly");
        order.closePosition = closePosition;
        order.workingType = workingType;
        order.priceProtect = p.bool("priceProtect");
        order.timeInForce = "GTC";
        account.events.accept(account.orderEvent(order, null, account.now()));
        return account.orderAnswer(order);
    }

    /** Every open stop of {@code symbol} that {@code price} crosses triggers, oldest first. */
    void triggerCrossed(String symbol, BigDecimal price) {
        for (OrderRow order : account.orderRows()) {
            if (order.open() && TYPES.contains(order.type) && order.symbol.equals(symbol)
                    && FakeState.triggers(order.type, order.side, order.stopPrice, price)) {
                trigger(order, price);
            }
        }
    }

    /**
     * The stop executes as a MARKET order at {@code price}. A reduce-only or close-all stop with nothing left to
     * reduce (the position is flat or on its side) is canceled instead, as the USD-M fake's algo orders are; one that
     * would reduce more than the position is cut to it.
     */
    private void trigger(OrderRow order, BigDecimal price) {
        long now = account.now();
        BigDecimal quantity = order.origQty;
        if (order.reduceOnly || order.closePosition) {
            BigDecimal open = account.reducibleAmount(order.symbol, order.side);
            if (open.signum() == 0) {
                account.cancel(order);
                return;
            }
            quantity = order.closePosition ? open : quantity.min(open);
        }
        // Order Update docs, expiry reason 8: the stop order expires as it triggers; the MARKET order that executes
        // it keeps its id and client id.
        String status = order.status;
        order.status = "EXPIRED";
        ObjectNode expired = (ObjectNode) account.orderEvent(order, null, now);
        ((ObjectNode) expired.get("o")).put("er", String.valueOf(STOP_TRIGGERED));
        account.events.accept(expired);
        order.status = status;
        order.type = "MARKET";
        order.origQty = quantity;
        order.updateTime = now;
        account.events.accept(account.orderEvent(order, null, now));
        account.fill(order, price, false);
    }
}
