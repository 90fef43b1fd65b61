package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.execution.binance.FakeState.OrderRow;
import io.tradeflow.execution.binance.FakeState.PositionRow;
import io.tradeflow.execution.binance.FakeState.Trade;
import io.tradeflow.execution.binance.FakeSymbols.Rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * The payloads {@link BinanceFuturesFake} sends in COIN-M mode, in the shapes of Binance's COIN-M futures docs
 * (https://developers.binance.com/docs/derivatives/coin-margined-futures: New Order, Query Order, Current All Open
 * Orders, Cancel Order, Change Initial Leverage, Position Information, Account Trade List, Event: Order Update, Event:
 * Balance and Position Update). Where COIN-M's shape is USD-M's with fields changed, the USD-M payload of
 * {@link FakeMessages} is the start: orders answer {@code cumBase} (the executed quantity's value in the coin) and
 * {@code pair} instead of {@code cumQuote}; events carry the account alias {@code i} and, for orders, the margin asset
 * {@code ma}; no {@code gtd}, {@code si}, {@code ss} (not in COIN-M's Order Update).
 */
final class FakeCoinMMessages {

    /** The account alias ({@code i}) of events, as {@code accountAlias} on USD-M's balance. */
    static final String ACCOUNT_ALIAS = "FakeTf";

    private FakeCoinMMessages() {
    }

    /** POST and DELETE /dapi/v1/order (docs: New Order, Cancel Order). */
    static ObjectNode orderAnswer(OrderRow order, Rules rules) {
        return coinM(FakeMessages.orderAnswer(order), order, rules);
    }

    /** GET /dapi/v1/order and the rows of GET /dapi/v1/openOrders (docs: Query Order, Current All Open Orders). */
    static ObjectNode orderQuery(OrderRow order, Rules rules) {
        return coinM(FakeMessages.orderQuery(order), order, rules);
    }

    private static ObjectNode coinM(ObjectNode answer, OrderRow order, Rules rules) {
        answer.remove(List.of("cumQuote", "goodTillDate"));
        answer.put("cumBase", FakeMessages.plain(order.avgPrice.signum() == 0 ? BigDecimal.ZERO
                : FakeInverse.coinValue(order.executedQty, rules.contractSize(), order.avgPrice)));
        answer.put("pair", rules.pair());
        return answer;
    }

    /** POST /dapi/v1/leverage (docs: Change Initial Leverage): {@code maxQty} in contracts, here LOT_SIZE's. */
    static ObjectNode leverage(int leverage, Rules rules) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("leverage", leverage);
        answer.put("maxQty", FakeMessages.plain(rules.maxQty()));
        answer.put("symbol", rules.symbol());
        return answer;
    }

    /** ORDER_TRADE_UPDATE (docs: Event: Order Update); fee ({@code N}) and margin asset ({@code ma}) the coin. */
    static ObjectNode orderTradeUpdate(OrderRow order, Trade trade, Rules rules, long time) {
        ObjectNode event = FakeMessages.orderTradeUpdate(order, trade, time);
        event.put("i", ACCOUNT_ALIAS);
        ObjectNode o = (ObjectNode) event.get("o");
        o.remove(List.of("gtd", "si", "ss"));
        o.put("ma", rules.marginAsset());
        o.put("N", rules.marginAsset());
        return event;
    }

    /** ACCOUNT_UPDATE for a fill: the margin coin's balance and the one position it changed. */
    static ObjectNode accountUpdate(BigDecimal wallet, PositionRow position, Rules rules, BigDecimal mark, long time) {
        ObjectNode event = FakeMessages.accountUpdate(rules.marginAsset(), wallet, position,
                unrealized(position, rules, mark), time);
        event.put("i", ACCOUNT_ALIAS);
        return event;
    }

    /**
     * One row of GET /dapi/v1/positionRisk (docs: Position Information; the row as Binance's connectors show it, with
     * {@code notionalValue} and {@code isolatedWallet}): {@code notionalValue} is the position's value in the coin at
     * the mark, signed as the position; {@code maxQty} LOT_SIZE's.
     */
    static ObjectNode positionRisk(PositionRow position, Rules rules, BigDecimal mark) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("symbol", position.symbol);
        row.put("positionAmt", FakeMessages.plain(position.amount));
        row.put("entryPrice", FakeMessages.plain(position.entryPrice));
        row.put("markPrice", FakeMessages.plain(mark));
        row.put("unRealizedProfit", FakeMessages.plain(unrealized(position, rules, mark)));
        row.put("liquidationPrice", "0");
        row.put("leverage", String.valueOf(position.leverage));
        row.put("maxQty", FakeMessages.plain(rules.maxQty()));
        row.put("marginType", position.marginType.equals("ISOLATED") ? "isolated" : "cross");
        row.put("isolatedMargin", "0.00000000");
        row.put("isAutoAddMargin", "false");
        row.put("positionSide", "BOTH");
        row.put("notionalValue", FakeMessages.plain(FakeInverse.coinValue(position.amount, rules.contractSize(),
                mark)));
        row.put("isolatedWallet", "0");
        row.put("updateTime", position.updateTime);
        row.put("breakEvenPrice", FakeMessages.plain(position.entryPrice));
        return row;
    }

    /** One row of GET /dapi/v1/userTrades (docs: Account Trade List); {@code baseQty} the fill's value in coin. */
    static ObjectNode userTrade(Trade trade, Rules rules) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("symbol", trade.symbol());
        row.put("id", trade.id());
        row.put("orderId", trade.orderId());
        row.put("pair", rules.pair());
        row.put("side", trade.side());
        row.put("price", FakeMessages.plain(trade.price()));
        row.put("qty", FakeMessages.plain(trade.qty()));
        row.put("realizedPnl", FakeMessages.plain(trade.realizedPnl()));
        row.put("marginAsset", rules.marginAsset());
        row.put("baseQty", FakeMessages.plain(FakeInverse.coinValue(trade.qty(), rules.contractSize(),
                trade.price())));
        row.put("commission", FakeMessages.plain(trade.commission()));
        row.put("commissionAsset", trade.commissionAsset());
        row.put("time", trade.time());
        row.put("positionSide", "BOTH");
        row.put("buyer", trade.buyer());
        row.put("maker", trade.maker());
        return row;
    }

    /** The position's unrealised PnL in coin at {@code mark} (zero without a mark). */
    static BigDecimal unrealized(PositionRow position, Rules rules, BigDecimal mark) {
        return mark == null ? BigDecimal.ZERO
                : FakeInverse.pnl(position.amount, position.entryPrice, mark, rules.contractSize());
    }
}
