package io.tradeflow.marketdata.exchange;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One combined-stream WebSocket and the streams it carries. It reconnects by itself: after a drop or a failed
 * attempt with {@link Backoff}, and on purpose before Binance's 24-hour limit cuts it. Stream changes while it is open
 * go out as SUBSCRIBE/UNSUBSCRIBE (see {@link BinanceSubscriptionSync}); while it is not, they go into the URL of the
 * next attempt.
 *
 * <p>Pings: Binance pings every 3 minutes and drops a connection that has not answered for 10. Vert.x answers every
 * ping frame with a pong carrying the same payload by itself (WebSocketImplBase.handleFrame in 4.5), so nothing here
 * does it; BinanceStreamConnectionTest checks that against a server that pings.
 *
 * <p>Every method runs on the event loop of the {@link BinanceStreamPool} that owns it.
 */
final class BinanceStreamConnection {
    private static final Logger LOG = Logger.getLogger(BinanceStreamConnection.class);
    /** A connection that lived this long was not a flap: the next drop starts the backoff from its shortest wait. */
    private static final long STABLE_AFTER_MILLIS = 60_000;

    /** What the owner hears from a connection. */
    interface Listener {
        /**
         * {@code streams} deliver from now on (the connection opened, or a SUBSCRIBE went out); called before any
         * message of theirs arrives, so the owner can catch up on what they missed first.
         */
        void streamsStarted(int connection, Set<String> streams);

        /** The connection closed: {@code streams} deliver nothing until they are started again. */
        void streamsStopped(int connection, Set<String> streams);

        void message(String text);

        /** The connection opened, dropped or closed. */
        void stateChanged(int connection, boolean open);

        /**
         * A reconnect is under way, and why: {@code connection-lost}, {@code connect-failed}, {@code max-age},
         * {@code silent-streams}.
         */
        void reconnecting(int connection, String reason);
    }

    private final int number;
    private final Vertx vertx;
    private final WebSocketClient client;
    private final BinanceEndpoints endpoints;
    private final Duration maxAge;
    private final Backoff backoff;
    private final Listener listener;
    private final Set<String> streams = new LinkedHashSet<>();

    private WebSocket socket;
    private BinanceSubscriptionSync sync;
    private boolean stopped;
    private String closingOnPurpose;
    private long openedAtMillis;
    private long reconnectTimer = -1;
    private long syncTimer = -1;
    private long maxAgeTimer = -1;

    BinanceStreamConnection(int number, Vertx vertx, WebSocketClient client, BinanceEndpoints endpoints,
                            Duration maxAge, Backoff backoff, Listener listener, Collection<String> streams) {
        this.number = number;
        this.vertx = vertx;
        this.client = client;
        this.endpoints = endpoints;
        this.maxAge = maxAge;
        this.backoff = backoff;
        this.listener = listener;
        this.streams.addAll(streams);
    }

    int number() {
        return number;
    }

    boolean isOpen() {
        return socket != null;
    }

    Set<String> streams() {
        return Set.copyOf(streams);
    }

    void start() {
        connect();
    }

    /** The streams this connection should carry from now on. */
    void want(Collection<String> wanted) {
        streams.clear();
        streams.addAll(wanted);
        if (sync != null) {
            sync.want(streams);
            syncSoon();
        }
    }

    /**
     * Unsubscribes and subscribes again {@code silent} streams of this connection (see {@link KlineStreamWatchdog});
     * nothing while it is not open, since the reconnect subscribes everything anew anyway.
     */
    void resubscribe(Collection<String> silent) {
        if (sync != null) {
            sync.resubscribe(silent);
            syncSoon();
        }
    }

    /** Closes the open connection and opens a new one at once, counted under {@code reason}. */
    void reconnect(String reason) {
        reconnectOnPurpose(reason);
    }

    /** Closes for good: no reconnect. */
    void stop() {
        stopped = true;
        cancelTimers();
        vertx.cancelTimer(reconnectTimer);
        if (socket != null) {
            socket.close((short) 1000, "client stopping");
        }
    }

    private void connect() {
        reconnectTimer = -1;
        if (stopped) {
            return;
        }
        Set<String> initial = Set.copyOf(streams);
        if (initial.isEmpty()) {
            // Its streams all went while it was down; the pool stops it.
            return;
        }
        URI uri = endpoints.combinedStream(initial);
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(uri.getRawPath() + "?" + uri.getRawQuery())
                .setConnectTimeout(10_000);
        LOG.debugf("Binance stream connection %d: connecting to %s", number, uri);
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                LOG.warnf("Binance stream connection %d: cannot connect to %s://%s%s (%s)", number, uri.getScheme(),
                        uri.getAuthority(), uri.getRawPath(), result.cause().toString());
                retry("connect-failed", backoff.next());
            } else if (stopped) {
                result.result().close();
            } else {
                opened(result.result(), initial);
            }
        });
    }

    private void opened(WebSocket ws, Set<String> initial) {
        socket = ws;
        openedAtMillis = System.currentTimeMillis();
        sync = new BinanceSubscriptionSync(initial);
        sync.want(streams);
        ws.textMessageHandler(listener::message);
        ws.exceptionHandler(error -> {
            LOG.warnf("Binance stream connection %d: %s; closing it to reconnect", number, error.toString());
            ws.close();
        });
        ws.closeHandler(ignored -> closed(ws));
        maxAgeTimer = vertx.setTimer(Math.max(1, maxAge.toMillis()), id -> {
            maxAgeTimer = -1;
            reconnectOnPurpose("max-age");
        });
        LOG.infof("Binance stream connection %d open with %d stream(s)", number, initial.size());
        listener.streamsStarted(number, initial);
        listener.stateChanged(number, true);
        syncSoon();
    }

    private void closed(WebSocket ws) {
        if (ws != socket) {
            return;
        }
        socket = null;
        sync = null;
        cancelTimers();
        listener.streamsStopped(number, Set.copyOf(streams));
        listener.stateChanged(number, false);
        if (stopped) {
            return;
        }
        String reason = closingOnPurpose == null ? "connection-lost" : closingOnPurpose;
        boolean onPurpose = closingOnPurpose != null;
        closingOnPurpose = null;
        if (System.currentTimeMillis() - openedAtMillis >= STABLE_AFTER_MILLIS) {
            backoff.reset();
        }
        if (onPurpose) {
            LOG.infof("Binance stream connection %d closed (%s); reconnecting now", number, reason);
            retry(reason, Duration.ZERO);
        } else {
            LOG.warnf("Binance stream connection %d lost (close code %s%s)", number, ws.closeStatusCode(),
                    ws.closeReason() == null || ws.closeReason().isEmpty() ? "" : ": " + ws.closeReason());
            retry(reason, backoff.next());
        }
    }

    private void reconnectOnPurpose(String reason) {
        if (socket != null && closingOnPurpose == null) {
            closingOnPurpose = reason;
            socket.close((short) 1000, reason);
        }
    }

    private void retry(String reason, Duration wait) {
        if (stopped) {
            return;
        }
        listener.reconnecting(number, reason);
        if (wait.isPositive()) {
            LOG.infof("Binance stream connection %d: reconnecting in %d ms (%s)", number, wait.toMillis(), reason);
        }
        reconnectTimer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> connect());
    }

    private void syncSoon() {
        if (sync == null || syncTimer != -1) {
            return;
        }
        long wait = sync.millisUntilNext(System.currentTimeMillis());
        if (wait < 0) {
            return;
        }
        syncTimer = vertx.setTimer(Math.max(1, wait), id -> {
            syncTimer = -1;
            sendDueCommand();
        });
    }

    private void sendDueCommand() {
        if (sync == null) {
            return;
        }
        sync.next(System.currentTimeMillis()).ifPresent(command -> {
            LOG.infof("Binance stream connection %d: %s %s (id %d)", number, command.method(), command.params(), command.id());
            socket.writeTextMessage(command.toJson());
            if (command.method() == BinanceCommand.Method.SUBSCRIBE) {
                listener.streamsStarted(number, Set.copyOf(command.params()));
            }
        });
        syncSoon();
    }

    private void cancelTimers() {
        if (syncTimer != -1) {
            vertx.cancelTimer(syncTimer);
            syncTimer = -1;
        }
        if (maxAgeTimer != -1) {
            vertx.cancelTimer(maxAgeTimer);
            maxAgeTimer = -1;
        }
    }
}
