package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.execution.binance.FakeState.AlgoOrder;
import io.tradeflow.execution.binance.FakeState.Order;
import io.tradeflow.execution.binance.FakeState.Position;
import io.tradeflow.execution.binance.FakeState.Trade;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for Binance USD-M futures, for tests: the signed REST API of trading (orders, conditional algo
 * orders, positions, trades, leverage, margin type, listenKey) and the user data stream on {@code /private}, with
 * Binance's checks, answers and events (built on the official samples, see {@link FakeMessages}) and switches that
 * make it misbehave as Binance does. One account, one-way mode, USDT. Not for market data (see
 * {@code BinanceTestServer} of market-data-service).
 *
 * <p>{@link #coinM()} makes a stand-in for COIN-M (inverse) futures instead: every endpoint under {@code /dapi/v1}
 * ({@link FakeCoinMApi}; {@code /fapi} paths answer 404, as {@code /dapi} paths do on a USD-M fake), BTCUSD_PERP and
 * ETHUSD_PERP in whole contracts, STOP_MARKET and TAKE_PROFIT_MARKET on the order endpoint ({@link FakeStops}), PnL
 * and fees in the margin coin ({@link FakeInverse}), COIN-M's payloads ({@link FakeCoinMMessages}), the user stream on
 * {@code /ws/<listenKey>}. The gate (keys, signatures, time, limits, one-shot failures) is the same.
 *
 * <p>Signed requests carry every parameter in the query string, {@code signature} last: the fake checks the header
 * {@code X-MBX-APIKEY} (-2015), {@code timestamp} against its clock as the docs write it
 * ({@code timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow}, recvWindow 5000 by default, else
 * -1021) and the lowercase- or uppercase-hex HMAC-SHA256 of the query before {@code &signature=} (-1022).
 *
 * <p>The clock follows the wall clock, shifted by {@link #advance} and {@link #skew}; {@link #setClock} freezes it.
 * Prices move only by {@link #mark}. See the package's {@code BinanceFuturesFakeTest} for each behaviour shown.
 */
public final class BinanceFuturesFake implements AutoCloseable {

    /** The API key of the signing example in Binance's USD-M docs (General Info, "SIGNED Endpoint Examples"). */
    public static final String DEFAULT_API_KEY = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
    /** The secret of the same docs example. */
    public static final String DEFAULT_SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

    /** One REST request as received: parameters decoded, in the order sent, without {@code signature}. */
    public record Request(String method, String path, Map<String, String> params) {
    }

    private final FuturesApi api;
    private final Vertx vertx;
    private final HttpServer server;
    private final FakeGate gate;
    private final FakeSymbols symbols;
    private final FakeUserStream stream;
    private final FakeAccount account;
    private final FakeReports reports;
    private final FakeCoinMApi coinMApi;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Long frozenAt;
    private volatile long offset;
    private volatile long skew;

    /** A USD-M fake with the docs example's key and secret ({@link #DEFAULT_API_KEY}, {@link #DEFAULT_SECRET}). */
    public BinanceFuturesFake() {
        this(DEFAULT_API_KEY, DEFAULT_SECRET);
    }

    /** A USD-M fake that accepts {@code apiKey} and verifies signatures with {@code secretKey}; listens at once. */
    public BinanceFuturesFake(String apiKey, String secretKey) {
        this(FuturesApi.USD_M, apiKey, secretKey);
    }

    /** A COIN-M fake with the docs example's key and secret; its wallet starts at 1 BTC (and 1 of each coin). */
    public static BinanceFuturesFake coinM() {
        return new BinanceFuturesFake(FuturesApi.COIN_M, DEFAULT_API_KEY, DEFAULT_SECRET);
    }

    private BinanceFuturesFake(FuturesApi api, String apiKey, String secretKey) {
        this.api = api;
        this.symbols = new FakeSymbols(api);
        this.gate = new FakeGate(api, apiKey, secretKey, this::now);
        this.stream = new FakeUserStream(api, this::now);
        this.account = new FakeAccount(api, symbols, this::now, stream::push);
        this.reports = new FakeReports(account);
        this.coinMApi = new FakeCoinMApi(account, reports, stream, this::now);
        this.vertx = Vertx.vertx();
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the Binance futures fake did not start", e);
        }
    }

    /** The market this fake serves: USD-M ({@code /fapi}) or COIN-M ({@code /dapi}). */
    public FuturesApi api() {
        return api;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /**
     * The user stream base: USD-M's {@code /private}, to which clients append {@code /ws?listenKey=...&events=...};
     * COIN-M's root, to which they append {@code /ws/<listenKey>} (see {@link FakeUserStream}).
     */
    public String userStreamUrl() {
        return "ws://127.0.0.1:" + server.actualPort() + (api == FuturesApi.COIN_M ? "" : "/private");
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    // ---- the clock

    /** Binance's time now, epoch ms: what {@code GET /fapi/v1/time} answers and timestamps are checked against. */
    public long now() {
        Long frozen = frozenAt;
        return (frozen != null ? frozen : System.currentTimeMillis() + offset) + skew;
    }

    /** Freezes the clock at {@code epochMillis} (before {@link #skew}); it then moves only by {@link #advance}. */
    public BinanceFuturesFake setClock(long epochMillis) {
        frozenAt = epochMillis;
        return this;
    }

    /** Time passes: the clock moves on, and a listenKey whose 60 minutes are over expires (listenKeyExpired). */
    public BinanceFuturesFake advance(Duration by) {
        Long frozen = frozenAt;
        if (frozen != null) {
            frozenAt = frozen + by.toMillis();
        } else {
            offset += by.toMillis();
        }
        stream.expireIfDue();
        return this;
    }

    /** Binance's clock runs {@code millis} away from the client's (replaces any earlier skew; 0 ends it). */
    public BinanceFuturesFake skew(long millis) {
        skew = millis;
        return this;
    }

    // ---- the market and the account

    /** Moves the mark (and last) price of {@code symbol}: resting LIMITs fill, crossed conditional orders trigger. */
    public BinanceFuturesFake mark(String symbol, BigDecimal price) {
        account.mark(symbol, price);
        return this;
    }

    public BinanceFuturesFake mark(String symbol, String price) {
        return mark(symbol, new BigDecimal(price));
    }

    /** The mark price of {@code symbol}, or null before the first {@link #mark}. */
    public BigDecimal markPrice(String symbol) {
        return account.markOf(symbol);
    }

    /**
     * Lists {@code symbol} with BTCUSDT's rules (tick 0.10, step 0.001, min notional 100); on COIN-M with
     * BTCUSD_PERP's (100 USD a contract, tick 0.1, step 1), its pair and coin read from the name
     * ({@code SOLUSD_PERP}: SOLUSD, SOL).
     */
    public BinanceFuturesFake listSymbol(String symbol) {
        symbols.list(symbol);
        return this;
    }

    /** Sets the wallet balance of the main asset: USDT (10000 at start), or on COIN-M BTC (1 at start). */
    public BinanceFuturesFake walletBalance(BigDecimal balance) {
        return walletBalance(account.mainAsset(), balance);
    }

    /** Sets the wallet balance of {@code asset} (COIN-M: a margin coin, BTC or ETH). */
    public BinanceFuturesFake walletBalance(String asset, BigDecimal balance) {
        account.wallet(asset, balance);
        return this;
    }

    /** Hedge mode on ({@code GET /fapi/v1/positionSide/dual} answers true; orders in one-way form get -4061). */
    public BinanceFuturesFake dualSidePosition(boolean dual) {
        synchronized (account) {
            account.dualSidePosition = dual;
        }
        return this;
    }

    /** From now on a triggered algo order's child fill is pushed before the algo's TRIGGERED and FINISHED. */
    public BinanceFuturesFake childFillFirst(boolean first) {
        synchronized (account) {
            account.algos.childFillFirst = first;
        }
        return this;
    }

    /** From now on a child order's clientOrderId is its algo's clientAlgoId (default: an id of Binance's making). */
    public BinanceFuturesFake childUsesClientAlgoId(boolean same) {
        synchronized (account) {
            account.algos.childUsesClientAlgoId = same;
        }
        return this;
    }

    // ---- misbehaviour (each applies once)

    /** The next order (POST order or algoOrder) is placed, and a MARKET filled, then answered {@code status}. */
    public BinanceFuturesFake failNextOrderAfterPlacing(int status) {
        gate.failNext(FakeGate.ANY_ORDER, status);
        return this;
    }

    /** The next {@code POST /fapi/v1/algoOrder} is placed, then answered {@code status} (plain orders answer). */
    public BinanceFuturesFake failNextAlgoAfterPlacing(int status) {
        gate.failNext("POST /fapi/v1/algoOrder", status);
        return this;
    }

    /** The next {@code DELETE /fapi/v1/algoOrder} cancels, then is answered {@code status}. */
    public BinanceFuturesFake failNextAlgoCancelAfterCanceling(int status) {
        gate.failNext("DELETE /fapi/v1/algoOrder", status);
        return this;
    }

    /** The next order is placed (and filled), then its connection is closed without an answer. */
    public BinanceFuturesFake dropNextOrderAfterPlacing() {
        gate.failNext(FakeGate.ANY_ORDER, 0);
        return this;
    }

    /**
     * The next {@code count} queries of one order or algo order answer -2013 whether it exists or not, as Binance may
     * for an order accepted a moment before.
     */
    public BinanceFuturesFake hideFromNextQueries(int count) {
        gate.hideQueries(count);
        return this;
    }

    /** The next request gets HTTP 429, {@code Retry-After}, -1003, and nothing done. */
    public BinanceFuturesFake rateLimitNext(int retryAfterSeconds) {
        gate.limitNext(429, retryAfterSeconds);
        return this;
    }

    /** The next request gets HTTP 418 (an IP ban), {@code Retry-After}, -1003, and nothing done. */
    public BinanceFuturesFake banNext(int retryAfterSeconds) {
        gate.limitNext(418, retryAfterSeconds);
        return this;
    }

    /** The next {@code POST /fapi/v1/algoOrder} is refused with {@code code} (HTTP 400, documented message). */
    public BinanceFuturesFake rejectNextAlgo(int code) {
        gate.rejectNextAlgo(code);
        return this;
    }

    /** The next algo order to trigger is REJECTED with {@code reason} (rm) instead of placing its child. */
    public BinanceFuturesFake rejectNextTrigger(String reason) {
        synchronized (account) {
            account.algos.rejectNextTrigger = reason;
        }
        return this;
    }

    /** The listenKey ends silently: no listenKeyExpired, sockets left open; the next keep-alive answers -1125. */
    public BinanceFuturesFake expireListenKeyQuietly() {
        stream.expireQuietly();
        return this;
    }

    /** The listenKey expires now: listenKeyExpired is pushed, its sockets closed, PUT answers -1125. */
    public BinanceFuturesFake expireListenKey() {
        stream.expire();
        return this;
    }

    /**
     * Every user-stream connection open now goes silent and stays open: no event, no pong (its socket is no longer
     * read), as a connection a NAT or proxy has forgotten. New connections work.
     */
    public BinanceFuturesFake silenceStream() {
        stream.silence();
        return this;
    }

    /** Closes every user-stream connection without a message; the listenKey stays valid. */
    public BinanceFuturesFake dropStream() {
        stream.drop();
        return this;
    }

    /** The values of X-MBX-USED-WEIGHT-1M, X-MBX-ORDER-COUNT-10S and -1M now; they count on from there. */
    public BinanceFuturesFake rateLimitHeaders(int usedWeight1m, int orderCount10s, int orderCount1m) {
        gate.counts(usedWeight1m, orderCount10s, orderCount1m);
        return this;
    }

    // ---- what a test reads

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every order of the matching engine (children of algo orders included), oldest first. */
    public List<Order> orders() {
        return account.orderRows().stream().map(FakeState.OrderRow::view).toList();
    }

    public List<Order> openOrders() {
        return account.orderRows().stream().filter(FakeState.OrderRow::open).map(FakeState.OrderRow::view).toList();
    }

    public List<AlgoOrder> algoOrders() {
        return account.algos.rows().stream().map(FakeState.AlgoRow::view).toList();
    }

    public List<AlgoOrder> openAlgoOrders() {
        return account.algos.rows().stream().filter(FakeState.AlgoRow::open).map(FakeState.AlgoRow::view).toList();
    }

    /** Positions of every symbol traded (flat ones included). */
    public List<Position> positions() {
        return account.positionRows().stream().map(FakeState.PositionRow::view).toList();
    }

    public Optional<Position> position(String symbol) {
        return positions().stream().filter(p -> p.symbol().equals(symbol)).findFirst();
    }

    public List<Trade> trades() {
        return account.trades();
    }

    /** The wallet balance of the main asset: USDT, or on COIN-M BTC. */
    public BigDecimal walletBalance() {
        return account.wallet();
    }

    /** The wallet balance of {@code asset}. */
    public BigDecimal walletBalance(String asset) {
        return account.wallet(asset);
    }

    /** The listenKey valid now, or null. */
    public String listenKey() {
        return stream.listenKey();
    }

    /** Waits until {@code count} user-stream connections are open (throws AssertionError after {@code timeout}). */
    public void awaitStreamConnections(int count, Duration timeout) {
        stream.awaitConnections(count, timeout);
    }

    public int openStreamConnections() {
        return stream.openConnections();
    }

    /** URIs of the user-stream upgrades accepted, in order (a reconnect is one more). */
    public List<String> acceptedStreams() {
        return stream.accepted();
    }

    /** URIs of the user-stream upgrades refused (wrong path, no events, a key not valid). */
    public List<String> refusedStreams() {
        return stream.refused();
    }

    /** Pings every user-stream connection; {@link #pongs()} counts the answers. */
    public void pingStreams() {
        stream.ping();
    }

    public int pongs() {
        return stream.pongs();
    }

    // ---- REST

    private void handle(HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            stream.upgrade(request);
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        request.params().forEach(entry -> params.putIfAbsent(entry.getKey(), entry.getValue()));
        Map<String, String> shown = new LinkedHashMap<>(params);
        shown.remove("signature");
        requests.add(new Request(request.method().name(), request.path(), Map.copyOf(shown)));
        gate.answer(request, params, api == FuturesApi.COIN_M ? coinMApi::route : this::route);
    }

    private JsonNode route(String endpoint, FakeParams p) {
        return switch (endpoint) {
            case "GET /fapi/v1/time" -> FakeMessages.json("{\"serverTime\":" + now() + "}");
            case "GET /fapi/v1/exchangeInfo" -> FakeMessages.json(symbols.exchangeInfo(now()));
            case "POST /fapi/v1/listenKey" -> listenKeyAnswer(stream.start());
            case "PUT /fapi/v1/listenKey" -> listenKeyAnswer(stream.keepAlive());
            case "DELETE /fapi/v1/listenKey" -> {
                stream.close();
                yield FakeMessages.json("{}");
            }
            case "GET /fapi/v1/positionSide/dual" -> FakeMessages.json("{\"dualSidePosition\":" + dual() + "}");
            case "POST /fapi/v1/leverage" -> account.leverage(p);
            case "POST /fapi/v1/marginType" -> account.marginType(p);
            case "POST /fapi/v1/order" -> account.placeOrder(p);
            case "GET /fapi/v1/order" -> account.queryOrder(p);
            case "DELETE /fapi/v1/order" -> account.cancelOrder(p);
            case "GET /fapi/v1/openOrders" -> account.openOrders(p);
            case "POST /fapi/v1/algoOrder" -> account.algos.place(p);
            case "DELETE /fapi/v1/algoOrder" -> account.algos.cancel(p);
            case "GET /fapi/v1/algoOrder" -> account.algos.query(p);
            case "GET /fapi/v1/openAlgoOrders" -> account.algos.open(p);
            case "DELETE /fapi/v1/algoOpenOrders" -> account.algos.cancelAll(p);
            case "GET /fapi/v3/positionRisk" -> reports.positionRisk(p);
            case "GET /fapi/v3/account" -> reports.account();
            case "GET /fapi/v3/balance" -> reports.balance();
            case "GET /fapi/v1/userTrades" -> reports.userTrades(p);
            default -> throw new FakeRefusal(404, -1000, "fake: no endpoint " + endpoint);
        };
    }

    private boolean dual() {
        synchronized (account) {
            return account.dualSidePosition;
        }
    }

    static JsonNode listenKeyAnswer(String listenKey) {
        return FakeMessages.json("{\"listenKey\":\"" + listenKey + "\"}");
    }
}
