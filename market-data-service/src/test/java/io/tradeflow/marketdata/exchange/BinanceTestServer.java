package io.tradeflow.marketdata.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local stand-in for Binance USD-M futures that speaks its protocol: combined-stream WebSockets on
 * {@code /market/stream?streams=...} (the 2026 base; any other path is refused, as a client on the legacy path would
 * get no klines from Binance), live SUBSCRIBE/UNSUBSCRIBE with Binance's answers, and REST {@code GET /fapi/v1/klines}
 * and {@code /fapi/v1/time}. Messages are built from the official samples under {@code /binance/}.
 *
 * <p>Time is the server's own clock, moved by the test ({@link #advance}), so "which kline is closed" is decided
 * here, as Binance decides it. Every listed pair has a deterministic kline series; the stream delivers each kline
 * as it closes (or not, when the test says it is lost) and whatever else the test pushes, REST serves the series up
 * to the clock (the last row being the kline still open).
 */
public final class BinanceTestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2023-11-15T05:00:05Z: 5 s into a 1m (and 5m) kline. */
    public static final long DEFAULT_START = 1_700_024_405_000L;
    public static final int DEFAULT_HISTORY = 300;

    /** A SUBSCRIBE or UNSUBSCRIBE as received. */
    public record Command(int connection, String method, List<String> params, long id, long receivedAtNanos) {
    }

    private record Peer(int number, ServerWebSocket socket, HttpConnection connection, Set<String> streams) {
    }

    private record RestFailure(int status, String body, String retryAfter) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final ObjectNode streamTemplate = (ObjectNode) resource("usdm_ws_combined_stream_kline_1m.constructed_from_docs.json");
    private final ArrayNode rowTemplate = (ArrayNode) resource("usdm_rest_klines_response.official_docs.json").get(0);
    private final String invalidSymbolBody = resourceText("usdm_error_payload_format.official_docs.json");
    private final Map<Subscription, Long> firstOpenTimes = new ConcurrentHashMap<>();
    private final Map<Integer, Peer> peers = new ConcurrentHashMap<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<String> restRequests = new CopyOnWriteArrayList<>();
    private final List<String> refusedPaths = new CopyOnWriteArrayList<>();
    private final Set<String> silenced = ConcurrentHashMap.newKeySet();
    private volatile boolean allSilent;
    private final ConcurrentLinkedDeque<RestFailure> restFailures = new ConcurrentLinkedDeque<>();
    private final AtomicInteger upgrades = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private final AtomicReference<Runnable> onNextConnection = new AtomicReference<>();
    private volatile long now;
    private volatile Duration restDelay = Duration.ZERO;

    private final Market market;

    private BinanceTestServer(long now, Market market) {
        this.now = now;
        this.market = market;
        this.vertx = Vertx.vertx();
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the Binance test server did not start", e);
        }
    }

    /** A USD-M server: streams only under {@code /market}, REST under {@code /fapi}. */
    public static BinanceTestServer start() {
        return new BinanceTestServer(DEFAULT_START, Market.USD_M);
    }

    /** A COIN-M server: streams on {@code /stream} at the root (no {@code /market} base), REST under {@code /dapi}. */
    public static BinanceTestServer startCoinMargined() {
        return new BinanceTestServer(DEFAULT_START, Market.COIN_M);
    }

    public int port() {
        return server.actualPort();
    }

    public String webSocketBase() {
        return "ws://127.0.0.1:" + port() + (market == Market.USD_M ? "/market" : "");
    }

    public String restBase() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    // ---- the market: listed pairs, their klines, the clock

    /** Lists {@code pair} with {@code history} closed klines before the one open now. Unlisted symbols get -1121. */
    public BinanceTestServer list(Subscription pair, int history) {
        firstOpenTimes.put(pair, openKlineTime(pair) - history * length(pair.interval()));
        return this;
    }

    public BinanceTestServer list(Subscription pair) {
        return list(pair, DEFAULT_HISTORY);
    }

    public long now() {
        return now;
    }

    /**
     * Moves the clock on, and as Binance does, sends every kline that closes on the way, closed, to the connections
     * carrying its stream; except for {@code lost} pairs, whose closed klines never arrive (as on a flaky network).
     */
    public void advance(Duration by, Subscription... lost) {
        long before = now;
        now += by.toMillis();
        Set<Subscription> silent = Set.of(lost);
        for (Subscription pair : firstOpenTimes.keySet()) {
            if (silent.contains(pair)) {
                continue;
            }
            long length = length(pair.interval());
            for (long open = Math.floorDiv(before, length) * length; open + length <= now; open += length) {
                if (open + length > before) {
                    pushKline(pair, open, true);
                }
            }
        }
    }

    /** Open time of the kline that is open now. */
    public long openKlineTime(Subscription pair) {
        long length = length(pair.interval());
        return Math.floorDiv(now, length) * length;
    }

    /** Open time of the newest closed kline. */
    public long newestClosedTime(Subscription pair) {
        return openKlineTime(pair) - length(pair.interval());
    }

    /** The series' kline opening at {@code openTime}: deterministic, so a test can compare what was published. */
    public static Kline kline(Subscription pair, long openTime) {
        long length = length(pair.interval());
        long index = openTime / length;
        BigDecimal open = new BigDecimal("100.00").add(BigDecimal.valueOf(index % 200, 1));
        BigDecimal close = open.add(BigDecimal.valueOf(index % 7 - 3, 2));
        BigDecimal high = open.max(close).add(new BigDecimal("0.25"));
        BigDecimal low = open.min(close).subtract(new BigDecimal("0.25"));
        BigDecimal volume = new BigDecimal("12.345").add(BigDecimal.valueOf(index % 11, 3));
        return new Kline(pair.symbol(), pair.interval(), openTime, openTime + length - 1, open, high, low, close,
                volume, volume.multiply(close).setScale(5, RoundingMode.HALF_UP), 100 + index % 50);
    }

    // ---- the stream

    /** Sends the series' kline at {@code openTime} (closed or not) to every connection carrying its stream. */
    public void pushKline(Subscription pair, long openTime, boolean closed) {
        pushToStream(pair, klineMessage(pair, kline(pair, openTime), closed));
    }

    /** Sends an in-progress update of the kline at {@code openTime} whose last price is {@code price}. */
    public void pushInProgress(Subscription pair, long openTime, BigDecimal price) {
        Kline series = kline(pair, openTime);
        Kline update = new Kline(pair.symbol(), pair.interval(), openTime, series.closeTime(), series.open(),
                series.high().max(price), series.low().min(price), price, series.volume(), series.quoteVolume(), series.trades());
        pushToStream(pair, klineMessage(pair, update, false));
    }

    /** The combined-stream message for {@code kline}, built on the official sample; tests may spoil it. */
    public ObjectNode klineMessage(Subscription pair, Kline kline, boolean closed) {
        ObjectNode message = streamTemplate.deepCopy();
        message.put("stream", BinanceEndpoints.streamName(pair));
        ObjectNode data = (ObjectNode) message.get("data");
        data.put("E", closed ? Math.max(now, kline.closeTime() + 1) : now);
        data.put("s", pair.symbol().value());
        ObjectNode k = (ObjectNode) data.get("k");
        k.put("t", kline.openTime());
        k.put("T", kline.closeTime());
        k.put("s", pair.symbol().value());
        k.put("i", pair.interval().code());
        k.put("o", kline.open().toPlainString());
        k.put("h", kline.high().toPlainString());
        k.put("l", kline.low().toPlainString());
        k.put("c", kline.close().toPlainString());
        k.put("v", kline.volume().toPlainString());
        k.put("q", kline.quoteVolume().toPlainString());
        k.put("n", kline.trades());
        k.put("x", closed);
        return message;
    }

    public void pushToStream(Subscription pair, JsonNode message) {
        String stream = BinanceEndpoints.streamName(pair);
        if (allSilent || silenced.contains(stream)) {
            return;
        }
        String text = message.toString();
        peers.values().stream().filter(peer -> peer.streams().contains(stream))
                .forEach(peer -> peer.socket().writeTextMessage(text));
    }

    /**
     * From now on no kline of {@code pairs} reaches any connection, closed or not, pushed or from {@link #advance},
     * while SUBSCRIBE is still answered, pings too, and REST serves the klines as ever: what Binance does to a
     * USD-M client on a path other than {@code /market}.
     */
    public void silence(Subscription... pairs) {
        Arrays.stream(pairs).map(BinanceEndpoints::streamName).forEach(silenced::add);
    }

    /** {@link #silence} for every stream, as on a wrong base path. */
    public void silenceAll() {
        allSilent = true;
    }

    /** Every stream delivers again. */
    public void speakAgain() {
        allSilent = false;
        silenced.clear();
    }

    /** Sends {@code text} as it is to every connection. */
    public void pushRaw(String text) {
        peers.values().forEach(peer -> peer.socket().writeTextMessage(text));
    }

    /** True when an open connection carries the stream of {@code pair}. */
    public boolean streams(Subscription pair) {
        String stream = BinanceEndpoints.streamName(pair);
        return peers.values().stream().anyMatch(peer -> peer.streams().contains(stream));
    }

    /** Closes every connection from the server's side, unasked, as Binance does when it drops a client. */
    public void dropConnections() {
        peers.values().forEach(peer -> peer.connection().close());
    }

    /** Pings every connection; {@link #pongs()} counts the answers. */
    public void ping() {
        peers.values().forEach(peer -> peer.socket().writePing(Buffer.buffer("binance-ping")));
    }

    public int pongs() {
        return pongs.get();
    }

    /** Connections accepted so far (each reconnect is one more). */
    public int upgrades() {
        return upgrades.get();
    }

    public int openConnections() {
        return peers.size();
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Runs once, on the server's event loop, right after the next connection is accepted. */
    public void onNextConnection(Runnable action) {
        onNextConnection.set(action);
    }

    /** WebSocket upgrade paths refused (anything but {@code /market/stream}). */
    public List<String> refusedPaths() {
        return List.copyOf(refusedPaths);
    }

    // ---- REST

    /** The next REST request is answered with this failure instead (queued, one request each). */
    public void failNextRest(int status, String body, String retryAfterSeconds) {
        restFailures.add(new RestFailure(status, body, retryAfterSeconds));
    }

    /** Every REST answer is held back this long (to let stream messages overtake a backfill). */
    public void delayRest(Duration delay) {
        restDelay = delay;
    }

    /** Every REST request received, as path?query. */
    public List<String> restRequests() {
        return List.copyOf(restRequests);
    }

    private void handle(HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            upgrade(request);
            return;
        }
        restRequests.add(request.uri());
        long delay = restDelay.toMillis();
        if (delay > 0) {
            vertx.setTimer(delay, id -> answerRest(request));
        } else {
            answerRest(request);
        }
    }

    private void upgrade(HttpServerRequest request) {
        String streamPath = market == Market.USD_M ? "/market/stream" : "/stream";
        if (!request.path().equals(streamPath) || request.getParam("streams") == null) {
            refusedPaths.add(request.uri());
            request.response().setStatusCode(404).end();
            return;
        }
        Set<String> streams = ConcurrentHashMap.newKeySet();
        streams.addAll(Arrays.asList(request.getParam("streams").split("/")));
        HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(socket -> {
            Peer peer = new Peer(upgrades.incrementAndGet(), socket, connection, streams);
            peers.put(peer.number(), peer);
            socket.textMessageHandler(text -> command(peer, text));
            socket.pongHandler(ignored -> pongs.incrementAndGet());
            socket.closeHandler(ignored -> peers.remove(peer.number()));
            Runnable action = onNextConnection.getAndSet(null);
            if (action != null) {
                action.run();
            }
        });
    }

    private void command(Peer peer, String text) {
        long received = System.nanoTime();
        try {
            JsonNode root = JSON.readTree(text);
            String method = root.path("method").asText();
            List<String> params = new ArrayList<>();
            root.path("params").forEach(param -> params.add(param.asText()));
            long id = root.path("id").asLong();
            commands.add(new Command(peer.number(), method, params, id, received));
            switch (method) {
                case "SUBSCRIBE" -> peer.streams().addAll(params);
                case "UNSUBSCRIBE" -> params.forEach(peer.streams()::remove);
                default -> {
                    peer.socket().writeTextMessage("{\"code\":2,\"msg\":\"Invalid request: unknown method\",\"id\":" + id + "}");
                    return;
                }
            }
            peer.socket().writeTextMessage("{\"result\":null,\"id\":" + id + "}");
        } catch (IOException e) {
            peer.socket().writeTextMessage("{\"code\":3,\"msg\":\"Invalid JSON\"}");
        }
    }

    private void answerRest(HttpServerRequest request) {
        RestFailure failure = restFailures.poll();
        if (failure != null) {
            var response = request.response().setStatusCode(failure.status()).putHeader("Content-Type", "application/json");
            if (failure.retryAfter() != null) {
                response.putHeader("Retry-After", failure.retryAfter());
            }
            response.end(failure.body());
            return;
        }
        switch (request.path()) {
            case "/fapi/v1/time", "/dapi/v1/time" -> json(request, 200, "{\"serverTime\":" + now + "}");
            case "/fapi/v1/klines" -> klinesOf(Market.USD_M, request);
            case "/dapi/v1/klines" -> klinesOf(Market.COIN_M, request);
            default -> json(request, 404, "{\"code\":-1000,\"msg\":\"no such path\"}");
        }
    }

    private void klinesOf(Market asked, HttpServerRequest request) {
        if (asked != market) {
            json(request, 404, "{\"code\":-1000,\"msg\":\"this is a " + market + " server\"}");
        } else {
            klines(request);
        }
    }

    private void klines(HttpServerRequest request) {
        Subscription pair;
        try {
            pair = new Subscription(new Symbol(request.getParam("symbol")), Interval.fromCode(request.getParam("interval")));
        } catch (RuntimeException e) {
            json(request, 400, "{\"code\":-1102,\"msg\":\"A mandatory parameter was not sent, was empty/null, or malformed.\"}");
            return;
        }
        Long first = firstOpenTimes.get(pair);
        if (first == null) {
            json(request, 400, invalidSymbolBody);
            return;
        }
        long length = length(pair.interval());
        long startTime = request.getParam("startTime") == null ? first : Long.parseLong(request.getParam("startTime"));
        int limit = request.getParam("limit") == null ? 500 : Integer.parseInt(request.getParam("limit"));
        long from = Math.max(first, Math.floorDiv(startTime + length - 1, length) * length);
        long openNow = openKlineTime(pair);
        ArrayNode rows = JSON.createArrayNode();
        for (long open = from; open <= openNow && rows.size() < limit; open += length) {
            rows.add(row(kline(pair, open)));
        }
        json(request, 200, rows.toString());
    }

    private ArrayNode row(Kline kline) {
        ArrayNode row = rowTemplate.deepCopy();
        row.set(0, JSON.getNodeFactory().numberNode(kline.openTime()));
        row.set(1, JSON.getNodeFactory().textNode(kline.open().toPlainString()));
        row.set(2, JSON.getNodeFactory().textNode(kline.high().toPlainString()));
        row.set(3, JSON.getNodeFactory().textNode(kline.low().toPlainString()));
        row.set(4, JSON.getNodeFactory().textNode(kline.close().toPlainString()));
        row.set(5, JSON.getNodeFactory().textNode(kline.volume().toPlainString()));
        row.set(6, JSON.getNodeFactory().numberNode(kline.closeTime()));
        row.set(7, JSON.getNodeFactory().textNode(kline.quoteVolume().toPlainString()));
        row.set(8, JSON.getNodeFactory().numberNode(kline.trades()));
        return row;
    }

    private static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static long length(Interval interval) {
        if (!interval.isFixedLength()) {
            throw new IllegalArgumentException("the test server serves fixed-length intervals only");
        }
        return interval.duration().toMillis();
    }

    private static JsonNode resource(String name) {
        try {
            return JSON.readTree(resourceText(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample payload from {@code src/test/resources/binance/}. */
    public static String resourceText(String name) {
        try (InputStream in = BinanceTestServer.class.getResourceAsStream("/binance/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /binance/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
