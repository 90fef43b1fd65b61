package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The user data stream of {@link BinanceFuturesFake}: the account's listenKey ({@code POST/PUT/DELETE
 * /fapi/v1/listenKey}, valid 60 minutes, extended by PUT) and the WebSockets on {@code /private}.
 *
 * <p>Connection syntax, as the docs' base-URL split notice gives it (and as clients that work in production since
 * 2026-04-23 use): {@code /private/ws?listenKey=K&events=ORDER_TRADE_UPDATE/ALGO_UPDATE/...} delivers each named
 * event raw; {@code /private/stream?listenKey=K&events=...} wraps it as {@code {"stream": K, "data": event}}. The
 * {@code events} list is an allow-list (without it production delivers nothing, so the fake refuses the upgrade),
 * and {@code listenKeyExpired} is delivered only when named. The legacy path form {@code /private/ws/<listenKey>}
 * (silent in production), other paths, and keys not valid now are refused with HTTP 404 / 400, recorded in
 * {@link #refused()}. Vert.x answers pings with pongs.
 *
 * <p>COIN-M ({@code /dapi/v1/listenKey}): as its docs give it, {@code /ws/<listenKey>} delivers every event raw (there
 * is no {@code events} parameter); {@code /stream?streams=<listenKey>} wraps each as {@code {"stream": K, "data":
 * event}}. Other paths are refused 404, keys not valid now 400, as on USD-M.
 */
final class FakeUserStream {

    static final long VALIDITY_MILLIS = Duration.ofMinutes(60).toMillis();

    /** One connection; {@code events} null delivers every event (COIN-M). */
    private record Peer(int number, String listenKey, Set<String> events, boolean wrapped, ServerWebSocket socket,
                        HttpConnection connection) {

        boolean wants(String type) {
            return events == null || events.contains(type);
        }
    }

    private final LongSupplier clock;
    private final boolean coinM;
    private final Random random = new Random(4120);
    private final Map<Integer, Peer> peers = new ConcurrentHashMap<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private final Set<Integer> silent = ConcurrentHashMap.newKeySet();
    private String listenKey;
    private long validUntil;
    private boolean expired;

    FakeUserStream(FuturesApi api, LongSupplier clock) {
        this.coinM = api == FuturesApi.COIN_M;
        this.clock = clock;
    }

    // ---- the listenKey (docs: Start / Keepalive / Close User Data Stream; BINANCE.md "User data stream")

    /** POST: the active key, extended 60 minutes, or a new one. */
    synchronized String start() {
        if (!active()) {
            listenKey = newKey();
            expired = false;
        }
        validUntil = clock.getAsLong() + VALIDITY_MILLIS;
        return listenKey;
    }

    /** PUT: extends the active key; -1125 when it has expired or was never made. */
    synchronized String keepAlive() {
        if (!active()) {
            // The documented message names the USD-M path; COIN-M's docs name /dapi/v1/listenKey.
            FakeRefusal expired = FakeRefusal.of(-1125);
            throw coinM ? new FakeRefusal(400, -1125, expired.getMessage().replace("/fapi/", "/dapi/")) : expired;
        }
        validUntil = clock.getAsLong() + VALIDITY_MILLIS;
        return listenKey;
    }

    /** DELETE: the key ends, and its connections with it. */
    synchronized void close() {
        String closed = listenKey;
        listenKey = null;
        peers.values().stream().filter(peer -> peer.listenKey().equals(closed)).forEach(peer -> peer.socket().close());
    }

    synchronized String listenKey() {
        return active() ? listenKey : null;
    }

    /** The key ends now: listenKeyExpired to its connections (those that take it), which are then closed. */
    synchronized void expire() {
        if (listenKey == null || expired) {
            return;
        }
        expired = true;
        ObjectNode event = FakeMessages.listenKeyExpired(listenKey, clock.getAsLong());
        for (Peer peer : peers.values()) {
            if (peer.listenKey().equals(listenKey)) {
                send(peer, event);
                peer.socket().close();
            }
        }
    }

    /**
     * The key ends without a word to its connections, which stay open: as when the listenKeyExpired event was missed;
     * only the next keep-alive (-1125) tells.
     */
    synchronized void expireQuietly() {
        expired = true;
    }

    /** Expires the key if the clock has passed its validity (called when a test moves the clock). */
    synchronized void expireIfDue() {
        if (listenKey != null && !expired && clock.getAsLong() >= validUntil) {
            expire();
        }
    }

    private boolean active() {
        return listenKey != null && !expired && clock.getAsLong() < validUntil;
    }

    private String newKey() {
        String letters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            key.append(letters.charAt(random.nextInt(letters.length())));
        }
        return key.toString();
    }

    // ---- connections

    void upgrade(HttpServerRequest request) {
        if (coinM) {
            upgradeCoinM(request);
            return;
        }
        String path = request.path();
        boolean wrapped = path.equals("/private/stream");
        if (!path.equals("/private/ws") && !wrapped) {
            refuse(request, 404);
            return;
        }
        String key = request.getParam("listenKey");
        String events = request.getParam("events");
        boolean valid;
        synchronized (this) {
            valid = key != null && key.equals(listenKey) && active();
        }
        if (!valid || events == null || events.isBlank() || request.params().getAll("listenKey").size() != 1) {
            refuse(request, 400);
            return;
        }
        accept(request, key, Arrays.stream(events.split("/")).collect(Collectors.toUnmodifiableSet()), wrapped);
    }

    /** COIN-M: {@code /ws/<listenKey>} raw, {@code /stream?streams=<listenKey>} wrapped; every event. */
    private void upgradeCoinM(HttpServerRequest request) {
        String path = request.path();
        boolean wrapped = path.equals("/stream");
        String key = wrapped ? request.getParam("streams") : path.startsWith("/ws/") ? path.substring(4) : null;
        if (key == null || (wrapped && request.params().getAll("streams").size() != 1)) {
            refuse(request, 404);
            return;
        }
        boolean valid;
        synchronized (this) {
            valid = key.equals(listenKey) && active();
        }
        if (!valid) {
            refuse(request, 400);
            return;
        }
        accept(request, key, null, wrapped);
    }

    private void accept(HttpServerRequest request, String key, Set<String> allowed, boolean wrapped) {
        HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(socket -> {
            Peer peer = new Peer(connections.incrementAndGet(), key, allowed, wrapped, socket, connection);
            socket.pongHandler(ignored -> pongs.incrementAndGet());
            socket.closeHandler(ignored -> peers.remove(peer.number()));
            synchronized (peers) {
                peers.put(peer.number(), peer);
                accepted.add(request.uri());
                peers.notifyAll();
            }
        });
    }

    private void refuse(HttpServerRequest request, int status) {
        refused.add(request.uri());
        request.response().setStatusCode(status).end();
    }

    /** Sends {@code event} to every connection of the active key that takes its type (COIN-M: every connection). */
    synchronized void push(JsonNode event) {
        String type = event.get("e").asText();
        peers.values().stream()
                .filter(peer -> peer.listenKey().equals(listenKey) && active() && peer.wants(type))
                .filter(peer -> !silent.contains(peer.number()))
                .sorted((a, b) -> Integer.compare(a.number(), b.number()))
                .forEach(peer -> send(peer, event));
    }

    private static void send(Peer peer, JsonNode event) {
        if (!peer.wants(event.get("e").asText())) {
            return;
        }
        JsonNode message = event;
        if (peer.wrapped()) {
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            envelope.put("stream", peer.listenKey());
            envelope.set("data", event);
            message = envelope;
        }
        peer.socket().writeTextMessage(message.toString());
    }

    /**
     * The connections open now get nothing more and answer nothing: their TCP connections are no longer read (Vert.x
     * answers a ping as soon as it reads it, before any pause of the socket, hence the connection's internal pause).
     */
    void silence() {
        peers.values().forEach(peer -> {
            silent.add(peer.number());
            ((ConnectionBase) peer.connection()).doPause();
        });
    }

    /** Closes every connection from the server's side without a word (the TCP connection, no close frame). */
    void drop() {
        peers.values().forEach(peer -> peer.connection().close());
    }

    void ping() {
        peers.values().forEach(peer -> peer.socket().writePing(Buffer.buffer("fake-ping")));
    }

    int pongs() {
        return pongs.get();
    }

    int openConnections() {
        return peers.size();
    }

    /** Waits until {@code count} connections are open; fails after {@code timeout} (a guard, not a measure). */
    void awaitConnections(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (peers) {
            while (peers.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " user-stream connection(s), have " + peers.size()
                            + "; refused so far: " + refused);
                }
                try {
                    peers.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for a user-stream connection", e);
                }
            }
        }
    }

    /** URIs of the upgrades accepted, in order (every reconnect is one more). */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    List<String> refused() {
        return List.copyOf(refused);
    }
}
