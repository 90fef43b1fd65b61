package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.execution.binance.FakeState.OrderRow;
import io.tradeflow.execution.binance.FakeState.PositionRow;
import io.tradeflow.execution.binance.FakeState.Trade;
import io.tradeflow.execution.binance.FakeSymbols.Rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The account behind {@link BinanceFuturesFake}: the wallets (USDT; COIN-M one per margin coin), one-way-mode
 * positions, the matching engine's orders (MARKET fills at once at the mark price; LIMIT fills at once when
 * marketable, else rests until the mark reaches it) and their fills, fees and realised PnL. Conditional orders live in
 * {@link FakeAlgos} (USD-M's algo service) or {@link FakeStops} (COIN-M's stop orders); COIN-M's inverse arithmetic in
 * {@link FakeInverse}. Every change pushes the user-data events Binance pushes for it, in the market's shape. One
 * lock, this object: a request or a mark move happens whole.
 */
final class FakeAccount {

    static final BigDecimal TAKER_FEE = new BigDecimal("0.0005");
    static final BigDecimal MAKER_FEE = new BigDecimal("0.0002");
    static final String ASSET = "USDT";
    /** The wallet a fake starts with: 10000 USDT on USD-M, 1 of each margin coin on COIN-M. */
    private static final BigDecimal USDT_START = new BigDecimal("10000");
    private static final BigDecimal COIN_START = BigDecimal.ONE;
    /** Rule source: the newClientOrderId / clientAlgoId pattern of the New Order and New Algo Order docs. */
    private static final Pattern CLIENT_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");
    /** Rule source: BINANCE.md "Orders": since 2025-12-09 these go to /fapi/v1/algoOrder, -4120 on /fapi/v1/order. */
    private static final Set<String> ALGO_ONLY_TYPES =
            Set.of("STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET");
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    final FakeSymbols symbols;
    final FakeAlgos algos;
    final FakeStops stops;
    /** COIN-M mode: stop types on the order endpoint, inverse contracts, coin wallets, COIN-M's payloads. */
    final boolean coinM;
    private final LongSupplier clock;
    final Consumer<JsonNode> events;
    private final Map<Long, OrderRow> orders = new LinkedHashMap<>();
    private final Map<String, PositionRow> positions = new TreeMap<>();
    private final List<Trade> trades = new ArrayList<>();
    private final Map<String, BigDecimal> marks = new HashMap<>();
    private final Random ids = new Random(20251209);
    private final Map<String, BigDecimal> wallets = new TreeMap<>();
    private long nextOrderId = 4_000_000_001L;
    private long nextTradeId = 700_000_001L;
    boolean dualSidePosition;

    FakeAccount(FuturesApi api, FakeSymbols symbols, LongSupplier clock, Consumer<JsonNode> events) {
        this.coinM = api == FuturesApi.COIN_M;
        this.symbols = symbols;
        this.clock = clock;
        this.events = events;
        this.algos = new FakeAlgos(this);
        this.stops = new FakeStops(this);
    }

    // ---- orders (POST/GET/DELETE /fapi/v1/order, GET /fapi/v1/openOrders; the same under /dapi/v1)

    synchronized JsonNode placeOrder(FakeParams p) {
        String symbol = p.required("symbol");
        Rules rules = symbols.rules(symbol);
        String side = p.side();
        String type = p.required("type");
        if (coinM && FakeStops.TYPES.contains(type)) {
            return stops.place(p);
        }
        if (ALGO_ONLY_TYPES.contains(type)) {
            // COIN-M takes them on the order endpoint, but the fake models only STOP_MARKET and TAKE_PROFIT_MARKET.
            throw coinM ? FakeRefusal.of(-1116) : FakeRefusal.of(-4120);
        }
        if (!type.equals("MARKET") && !type.equals("LIMIT")) {
            throw FakeRefusal.of(-1116);
        }
        checkOneWay(p);
        boolean reduceOnly = p.bool("reduceOnly");
        String clientId = clientId(p.optional("newClientOrderId"));
        checkUnique(clientId);
        boolean market = type.equals("MARKET");
        BigDecimal quantity = p.decimal("quantity");
        rules.checkQuantity(quantity, market);
        BigDecimal mark = mark(symbol);
        BigDecimal price = market ? BigDecimal.ZERO : p.decimal("price");
        String timeInForce = market ? "GTC" : p.required("timeInForce");
        if (!market) {
            rules.checkPrice(price);
        }
        if (reduceOnly) {
            quantity = reducible(symbol, side, quantity);
        } else {
            rules.checkNotional(quantity, market ? mark : price);
        }
        OrderRow order = newOrder(symbol, side, type, type, clientId, quantity);
        order.reduceOnly = reduceOnly;
        order.price = price;
        order.timeInForce = timeInForce;
        events.accept(orderEvent(order, null, now()));
        JsonNode ack = orderAnswer(order);
        boolean marketable = !market && (side.equals("BUY") ? price.compareTo(mark) >= 0 : price.compareTo(mark) <= 0);
        if (market || marketable) {
            fill(order, mark, false);
        }
        // Rule source: New Order docs: newOrderRespType ACK (the default) answers before the fill, RESULT after it.
        return "RESULT".equals(p.optional("newOrderRespType")) ? orderAnswer(order) : ack;
    }

    synchronized JsonNode queryOrder(FakeParams p) {
        return orderQuery(findOrder(p, FakeRefusal.of(-2013)));
    }

    synchronized JsonNode cancelOrder(FakeParams p) {
        OrderRow order = findOrder(p, unknownOrder());
        if (!order.open()) {
            throw unknownOrder();
        }
        cancel(order);
        return orderAnswer(order);
    }

    /** DELETE /dapi/v1/allOpenOrders (docs: Cancel All Open Orders): every open order of the symbol, stops too. */
    synchronized JsonNode cancelAll(FakeParams p) {
        String symbol = p.required("symbol");
        symbols.rules(symbol);
        orders.values().stream().filter(o -> o.open() && o.symbol.equals(symbol)).toList().forEach(this::cancel);
        return FakeMessages.json("{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}");
    }

    /** The order ends CANCELED, and says so on the user stream. */
    void cancel(OrderRow order) {
        order.status = "CANCELED";
        order.updateTime = now();
        events.accept(orderEvent(order, null, now()));
    }

    synchronized JsonNode openOrders(FakeParams p) {
        String symbol = p.optional("symbol");
        String pair = coinM ? p.optional("pair") : null;
        return FakeMessages.array(orders.values().stream().filter(OrderRow::open)
                .filter(o -> symbol == null || o.symbol.equals(symbol))
                .filter(o -> pair == null || symbols.rules(o.symbol).pair().equals(pair))
                .map(this::orderQuery).toList());
    }

    // ---- account settings (POST /fapi/v1/leverage, /fapi/v1/marginType; the same under /dapi/v1)

    synchronized JsonNode leverage(FakeParams p) {
        String symbol = p.required("symbol");
        symbols.rules(symbol);
        String value = p.required("leverage");
        int leverage;
        try {
            leverage = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw FakeRefusal.of(-4028, value);
        }
        if (leverage < 1 || leverage > 125) {
            throw FakeRefusal.of(-4028, value);
        }
        position(symbol).leverage = leverage;
        if (coinM) {
            return FakeCoinMMessages.leverage(leverage, symbols.rules(symbol));
        }
        return FakeMessages.json("{\"leverage\":" + leverage + ",\"maxNotionalValue\":\"1000000\",\"symbol\":\""
                + symbol + "\"}");
    }

    /** Rule source: BINANCE.md "Orders": -4046 when unchanged, -4047 with open orders, -4048 with a position. */
    synchronized JsonNode marginType(FakeParams p) {
        String symbol = p.required("symbol");
        symbols.rules(symbol);
        String type = p.required("marginType");
        if (!type.equals("ISOLATED") && !type.equals("CROSSED")) {
            throw FakeRefusal.of(-1130, "marginType");
        }
        PositionRow position = position(symbol);
        if (position.marginType.equals(type)) {
            throw FakeRefusal.of(-4046);
        }
        if (orders.values().stream().anyMatch(o -> o.open() && o.symbol.equals(symbol)) || algos.anyOpen(symbol)) {
            throw FakeRefusal.of(-4047);
        }
        if (position.amount.signum() != 0) {
            throw FakeRefusal.of(-4048);
        }
        position.marginType = type;
        return FakeMessages.json("{\"code\":200,\"msg\":\"success\"}");
    }

    // ---- the market

    /**
     * Sets the mark price of {@code symbol} (also its last price: the fake has one price, so MARK_PRICE and
     * CONTRACT_PRICE triggers behave alike); resting LIMITs it reaches fill at their price as maker, then every open
     * conditional order (USD-M algo order, COIN-M stop order) it crosses triggers, oldest first.
     */
    synchronized void mark(String symbol, BigDecimal price) {
        symbols.rules(symbol);
        marks.put(symbol, price);
        for (OrderRow order : List.copyOf(orders.values())) {
            if (order.open() && order.type.equals("LIMIT") && order.symbol.equals(symbol) && (order.side.equals("BUY")
                    ? price.compareTo(order.price) <= 0 : price.compareTo(order.price) >= 0)) {
                fill(order, order.price, true);
            }
        }
        algos.triggerCrossed(symbol, price);
        stops.triggerCrossed(symbol, price);
    }

    BigDecimal mark(String symbol) {
        BigDecimal mark = marks.get(symbol);
        if (mark == null) {
            throw new FakeRefusal(400, -1000, "fake: no mark price for " + symbol + "; call mark(symbol, price) first");
        }
        return mark;
    }

    /**
     * Fills the rest of the order at {@code price}: a trade, the position, fee and PnL to the wallet, the events. USD-M:
     * fee = price x quantity x rate in USDT; COIN-M: fee = quantity x contractSize / price x rate in the margin coin,
     * PnL inverse ({@link FakeInverse}).
     */
    void fill(OrderRow order, BigDecimal price, boolean maker) {
        long now = now();
        Rules rules = symbols.rules(order.symbol);
        BigDecimal quantity = order.origQty.subtract(order.executedQty);
        boolean buy = order.side.equals("BUY");
        BigDecimal delta = buy ? quantity : quantity.negate();
        BigDecimal rate = maker ? MAKER_FEE : TAKER_FEE;
        PositionRow position = position(order.symbol);
        BigDecimal realized;
        BigDecimal quote;
        BigDecimal fee;
        if (coinM) {
            realized = FakeInverse.apply(position, delta, price, rules.contractSize(), now);
            quote = quantity.multiply(rules.contractSize());
            fee = FakeInverse.fee(quantity, rules.contractSize(), price, rate);
        } else {
            realized = position.apply(delta, price, now);
            quote = quantity.multiply(price);
            fee = quote.multiply(rate).setScale(8, RoundingMode.HALF_UP);
        }
        String asset = coinM ? rules.marginAsset() : ASSET;
        BigDecimal wallet = wallet(asset).add(realized).subtract(fee);
        wallets.put(asset, wallet);
        Trade trade = new Trade(nextTradeId++, order.orderId, order.symbol, order.side, price, quantity, quote, fee,
                asset, realized, buy, maker, now);
        trades.add(trade);
        order.executedQty = order.origQty;
        order.avgPrice = price;
        order.status = "FILLED";
        order.updateTime = now;
        events.accept(orderEvent(order, trade, now));
        BigDecimal mark = marks.get(order.symbol);
        events.accept(coinM ? FakeCoinMMessages.accountUpdate(wallet, position, rules, mark, now)
                : FakeMessages.accountUpdate(ASSET, wallet, position, FakeMessages.unrealized(position, mark), now));
    }

    // ---- the market's payloads

    JsonNode orderEvent(OrderRow order, Trade trade, long time) {
        return coinM ? FakeCoinMMessages.orderTradeUpdate(order, trade, symbols.rules(order.symbol), time)
                : FakeMessages.orderTradeUpdate(order, trade, time);
    }

    JsonNode orderAnswer(OrderRow order) {
        return coinM ? FakeCoinMMessages.orderAnswer(order, symbols.rules(order.symbol))
                : FakeMessages.orderAnswer(order);
    }

    private JsonNode orderQuery(OrderRow order) {
        return coinM ? FakeCoinMMessages.orderQuery(order, symbols.rules(order.symbol))
                : FakeMessages.orderQuery(order);
    }

    OrderRow newOrder(String symbol, String side, String type, String origType, String clientId, BigDecimal quantity) {
        OrderRow order = new OrderRow();
        order.orderId = nextOrderId++;
        order.clientOrderId = clientId;
        order.symbol = symbol;
        order.side = side;
        order.type = type;
        order.origType = origType;
        order.origQty = quantity;
        order.time = now();
        order.updateTime = order.time;
        orders.put(order.orderId, order);
        position(symbol);
        return order;
    }

    // ---- checks, in Binance's words

    /** One-way mode takes {@code positionSide} BOTH or none, hedge mode LONG/SHORT (else -4061, BINANCE.md). */
    void checkOneWay(FakeParams p) {
        String positionSide = p.optional("positionSide");
        boolean both = positionSide == null || positionSide.equals("BOTH");
        if (both == dualSidePosition) {
            throw FakeRefusal.of(-4061);
        }
        if (dualSidePosition) {
            throw new FakeRefusal(400, -1000, "fake: hedge mode positions are not modelled");
        }
    }

    /** A reduce-only order must shrink the position (else -2022); it never flips it, so it is cut to the position. */
    private BigDecimal reducible(String symbol, String side, BigDecimal quantity) {
        BigDecimal open = reducibleAmount(symbol, side);
        if (open.signum() == 0) {
            throw FakeRefusal.of(-2022);
        }
        return quantity.min(open);
    }

    /** How much a {@code side} order can reduce the position of {@code symbol}: zero when it would add to it. */
    BigDecimal reducibleAmount(String symbol, String side) {
        BigDecimal amount = position(symbol).amount;
        boolean reduces = side.equals("BUY") ? amount.signum() < 0 : amount.signum() > 0;
        return reduces ? amount.abs() : BigDecimal.ZERO;
    }

    /** -4116 when an open order already has {@code clientId}. */
    void checkUnique(String clientId) {
        if (orders.values().stream().anyMatch(o -> o.open() && o.clientOrderId.equals(clientId))) {
            throw FakeRefusal.of(-4116);
        }
    }

    String clientId(String given) {
        if (given == null) {
            return generatedId();
        }
        if (!CLIENT_ID.matcher(given).matches()) {
            throw FakeRefusal.of(-4015);
        }
        return given;
    }

    /** An id of Binance's making: 22 letters and digits, like {@code z8hcUoOsqEdKMeKPSABslD} in the docs. */
    String generatedId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            id.append(BASE62.charAt(ids.nextInt(BASE62.length())));
        }
        return id.toString();
    }

    private OrderRow findOrder(FakeParams p, FakeRefusal unknown) {
        String symbol = p.required("symbol");
        symbols.rules(symbol);
        String orderId = p.optional("orderId");
        String clientId = p.optional("origClientOrderId");
        if (orderId == null && clientId == null) {
            throw FakeRefusal.of(-1102, "orderId", "origClientOrderId");
        }
        OrderRow found = null;
        for (OrderRow order : orders.values()) {
            boolean matches = orderId != null ? String.valueOf(order.orderId).equals(orderId)
                    : order.clientOrderId.equals(clientId);
            if (order.symbol.equals(symbol) && matches) {
                found = order;
            }
        }
        if (found == null) {
            throw unknown;
        }
        return found;
    }

    /** -2011 as Binance words it for an order it does not know or that is no longer open. */
    static FakeRefusal unknownOrder() {
        return new FakeRefusal(400, -2011, "Unknown order sent.");
    }

    PositionRow position(String symbol) {
        return positions.computeIfAbsent(symbol, PositionRow::new);
    }

    long now() {
        return clock.getAsLong();
    }

    // ---- what FakeReports and tests read (callers hold the lock or take copies)

    /** The account's main asset: USDT, or on COIN-M BTC (the margin coin of BTCUSD_PERP). */
    String mainAsset() {
        return coinM ? "BTC" : ASSET;
    }

    synchronized BigDecimal wallet() {
        return wallet(mainAsset());
    }

    /** The wallet balance of {@code asset}, the starting balance until it changes. */
    synchronized BigDecimal wallet(String asset) {
        return wallets.getOrDefault(asset, coinM ? COIN_START : USDT_START);
    }

    synchronized void wallet(String asset, BigDecimal balance) {
        wallets.put(asset, balance);
    }

    synchronized List<OrderRow> orderRows() {
        return List.copyOf(orders.values());
    }

    synchronized List<PositionRow> positionRows() {
        return List.copyOf(positions.values());
    }

    synchronized List<Trade> trades() {
        return List.copyOf(trades);
    }

    synchronized BigDecimal markOf(String symbol) {
        return marks.get(symbol);
    }
}
