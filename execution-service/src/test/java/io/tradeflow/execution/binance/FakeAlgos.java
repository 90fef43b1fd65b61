package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.execution.binance.FakeState.AlgoRow;
import io.tradeflow.execution.binance.FakeState.OrderRow;
import io.tradeflow.execution.binance.FakeSymbols.Rules;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The algo service behind {@link BinanceFuturesFake}: conditional STOP_MARKET / TAKE_PROFIT_MARKET orders
 * ({@code /fapi/v1/algoOrder}), which trigger when the mark price crosses them and then place a child MARKET order
 * in the matching engine. STOP, TAKE_PROFIT and TRAILING_STOP_MARKET are real algo types this fake does not model
 * (-1116). Guarded by the account's lock.
 */
final class FakeAlgos {

    private final FakeAccount account;
    private final Map<Long, AlgoRow> algos = new LinkedHashMap<>();
    private long nextAlgoId = 1_000_000_000_000_001L;
    /** Push the child's fill before the algo's TRIGGERED (Binance does so at times, BINANCE.md "User data stream"). */
    boolean childFillFirst;
    /** Give the child order the algo's clientAlgoId as its clientOrderId instead of an id of Binance's making. */
    boolean childUsesClientAlgoId;
    /** Reason of the next trigger's rejection (ALGO_UPDATE REJECTED, as on a margin check failure), or null. */
    String rejectNextTrigger;

    FakeAlgos(FakeAccount account) {
        this.account = account;
    }

    JsonNode place(FakeParams p) {
        synchronized (account) {
            AlgoRow algo = parse(p);
            if (algos.values().stream().anyMatch(a -> a.open() && a.clientAlgoId.equals(algo.clientAlgoId))) {
                throw FakeRefusal.of(-4116);
            }
            if (algo.triggersAt(account.mark(algo.symbol))) {
                throw FakeRefusal.of(-2021);
            }
            algo.algoId = nextAlgoId++;
            algos.put(algo.algoId, algo);
            account.events.accept(FakeMessages.algoUpdate(algo, account.now()));
            return FakeMessages.algoAnswer(algo);
        }
    }

    /** Rule source: New Algo Order docs (parameters and their combinations); BINANCE.md "Orders". */
    private AlgoRow parse(FakeParams p) {
        if (!"CONDITIONAL".equals(p.required("algoType"))) {
            throw FakeRefusal.of(-1130, "algoType");
        }
        AlgoRow algo = new AlgoRow();
        algo.symbol = p.required("symbol");
        Rules rules = account.symbols.rules(algo.symbol);
        algo.side = p.side();
        algo.orderType = p.required("type");
        if (!algo.orderType.equals("STOP_MARKET") && !algo.orderType.equals("TAKE_PROFIT_MARKET")) {
            throw FakeRefusal.of(-1116);
        }
        account.checkOneWay(p);
        algo.triggerPrice = p.decimal("triggerPrice");
        rules.checkPrice(algo.triggerPrice);
        algo.closePosition = p.bool("closePosition");
        if (algo.closePosition && p.optional("quantity") != null) {
            throw FakeRefusal.of(-4137);
        }
        if (algo.closePosition && p.optional("reduceOnly") != null) {
            throw FakeRefusal.of(-1106, "reduceOnly");
        }
        algo.reduceOnly = p.bool("reduceOnly");
        if (!algo.closePosition) {
            algo.quantity = p.decimal("quantity");
            rules.checkQuantity(algo.quantity, true);
            if (!algo.reduceOnly) {
                rules.checkNotional(algo.quantity, algo.triggerPrice);
            }
        }
        algo.clientAlgoId = account.clientId(p.optional("clientAlgoId"));
        algo.workingType = p.optional("workingType") == null ? "CONTRACT_PRICE" : p.optional("workingType");
        algo.priceProtect = p.bool("priceProtect");
        algo.createTime = account.now();
        algo.updateTime = algo.createTime;
        return algo;
    }

    JsonNode cancel(FakeParams p) {
        synchronized (account) {
            AlgoRow algo = find(p, FakeAccount.unknownOrder());
            if (!algo.open()) {
                throw FakeAccount.unknownOrder();
            }
            finish(algo, "CANCELED", null);
            return FakeMessages.algoCanceled(algo);
        }
    }

    JsonNode query(FakeParams p) {
        synchronized (account) {
            return FakeMessages.algoQuery(find(p, FakeRefusal.of(-2013)));
        }
    }

    JsonNode open(FakeParams p) {
        synchronized (account) {
            String symbol = p.optional("symbol");
            Long algoId = p.longValue("algoId");
            return FakeMessages.array(algos.values().stream().filter(AlgoRow::open)
                    .filter(a -> symbol == null || a.symbol.equals(symbol))
                    .filter(a -> algoId == null || a.algoId == algoId)
                    .map(FakeMessages::algoQuery).toList());
        }
    }

    JsonNode cancelAll(FakeParams p) {
        synchronized (account) {
            String symbol = p.required("symbol");
            account.symbols.rules(symbol);
            algos.values().stream().filter(a -> a.open() && a.symbol.equals(symbol)).toList()
                    .forEach(algo -> finish(algo, "CANCELED", null));
            return FakeMessages.json("{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}");
        }
    }

    boolean anyOpen(String symbol) {
        return algos.values().stream().anyMatch(a -> a.open() && a.symbol.equals(symbol));
    }

    List<AlgoRow> rows() {
        synchronized (account) {
            return List.copyOf(algos.values());
        }
    }

    void triggerCrossed(String symbol, BigDecimal price) {
        for (AlgoRow algo : List.copyOf(algos.values())) {
            if (algo.open() && algo.symbol.equals(symbol) && algo.triggersAt(price)) {
                trigger(algo, price);
            }
        }
    }

    /**
     * Rule source: ALGO_UPDATE statuses (docs, Event: Algo Order Update): TRIGGERING, then the child MARKET order in
     * the matching engine (TRIGGERED, {@code ai} = its order id, its ORDER_TRADE_UPDATE with {@code ot} = the algo's
     * type), then FINISHED once it filled. A reduce-only trigger with nothing left to reduce is canceled with the
     * docs example's reason "Reduce Only reject".
     */
    private void trigger(AlgoRow algo, BigDecimal price) {
        long now = account.now();
        algo.algoStatus = "TRIGGERING";
        algo.updateTime = now;
        algo.triggerTime = now;
        account.events.accept(FakeMessages.algoUpdate(algo, now));
        if (rejectNextTrigger != null) {
            String reason = rejectNextTrigger;
            rejectNextTrigger = null;
            finish(algo, "REJECTED", reason);
            return;
        }
        boolean reduce = algo.reduceOnly || algo.closePosition;
        BigDecimal quantity = algo.quantity;
        if (reduce) {
            BigDecimal open = account.reducibleAmount(algo.symbol, algo.side);
            if (open.signum() == 0) {
                finish(algo, "CANCELED", "Reduce Only reject");
                return;
            }
            quantity = algo.closePosition ? open : quantity.min(open);
        }
        String clientId = childUsesClientAlgoId ? algo.clientAlgoId : account.generatedId();
        OrderRow child = account.newOrder(algo.symbol, algo.side, "MARKET", algo.orderType, clientId, quantity);
        child.reduceOnly = reduce;
        child.closePosition = algo.closePosition;
        child.stopPrice = algo.triggerPrice;
        child.workingType = algo.workingType;
        child.timeInForce = algo.timeInForce;
        child.algoId = algo.algoId;
        algo.algoStatus = "TRIGGERED";
        algo.actualOrderId = child.orderId;
        if (!childFillFirst) {
            account.events.accept(FakeMessages.algoUpdate(algo, now));
        }
        account.events.accept(FakeMessages.orderTradeUpdate(child, null, now));
        account.fill(child, price, false);
        if (childFillFirst) {
            account.events.accept(FakeMessages.algoUpdate(algo, now));
        }
        algo.executedQty = child.executedQty;
        algo.avgPrice = child.avgPrice;
        finish(algo, "FINISHED", null);
    }

    private void finish(AlgoRow algo, String status, String failure) {
        algo.algoStatus = status;
        algo.failure = failure;
        algo.updateTime = account.now();
        account.events.accept(FakeMessages.algoUpdate(algo, algo.updateTime));
    }

    private AlgoRow find(FakeParams p, FakeRefusal unknown) {
        Long algoId = p.longValue("algoId");
        String clientAlgoId = p.optional("clientAlgoId");
        if (algoId == null && clientAlgoId == null) {
            throw FakeRefusal.of(-1102, "algoId", "clientAlgoId");
        }
        AlgoRow found = null;
        for (AlgoRow algo : algos.values()) {
            if (algoId != null ? algo.algoId == algoId : algo.clientAlgoId.equals(clientAlgoId)) {
                found = algo;
            }
        }
        if (found == null) {
            throw unknown;
        }
        return found;
    }
}
