package io.tradeflow.execution.binance;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One account's user data stream of one market (Binance "User Data Streams"): a listenKey from {@code POST
 * /fapi/v1/listenKey} ({@code /dapi} for COIN-M), the WebSocket {@code {userStreamUrl}/ws?listenKey=K&events=...} for
 * USD-M (the {@code /private} base since 2026-04-23; the events are an allow-list, so each one used is named) or
 * {@code {userStreamUrl}/ws/K} for COIN-M, the key kept alive with {@code PUT} every {@code keepAlive} (Binance: valid
 * 60 minutes, extend about every 30).
 *
 * <p>A new key is asked for, and the socket opened again, on {@code listenKeyExpired}, on a keep-alive answered -1125
 * (the key expired), and after every drop; each reconnect after the first connection tells the listener that events
 * may have been missed ({@link Listener#connected}{@code (true)}), so the venue recovers them over REST. Every
 * decision and every event runs on one thread of its own, in the order the socket delivered the events.
 *
 * <p>A connection can die without a close (a NAT or a proxy forgets it): the stream pings the server every third of
 * {@code silenceLimit} (RFC 6455: a pong must answer), and a socket from which neither an event nor a pong came for
 * {@code silenceLimit} is replaced like a dropped one.
 */
public final class UserStream implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UserStream.class);
    /** The events the venue uses; on {@code /private} the others are not sent at all. */
    static final String EVENTS = "ORDER_TRADE_UPDATE/ALGO_UPDATE/ACCOUNT_UPDATE/listenKeyExpired";
    private static final int KEY_EXPIRED = -1125;

    /**
     * @param keepAlive    how often the key is extended (30 minutes in production)
     * @param silenceLimit a socket that sent nothing (no event, no pong) for this long is replaced
     * @param retryDelay   wait before asking for a key or a socket again after a failure
     */
    public record Timing(Duration keepAlive, Duration silenceLimit, Duration retryDelay) {
    }

    /** What the venue hears from the stream; called on the stream's own thread. */
    public interface Listener {
        void event(UserEvent event);

        /** The socket is open; {@code afterGap} when an earlier connection dropped: events may be missing. */
        void connected(boolean afterGap);

        /** The socket closed or could not open; a reconnect is under way. */
        void disconnected(String why);
    }

    private final String account;
    private final BinanceRest rest;
    private final URI userStreamUrl;
    private final WebSocketClient client;
    private final Timing timing;
    private final Listener listener;
    private final ScheduledExecutorService thread;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong silentSockets = new AtomicLong();

    private volatile boolean connected;
    private boolean everConnected;
    private boolean stopped;
    /** Numbers the sockets: callbacks of a socket replaced meanwhile are ignored. */
    private long generation;
    private WebSocket socket;
    private ScheduledFuture<?> keepAliveTask;
    private ScheduledFuture<?> watchTask;
    /** {@link System#nanoTime()} when the socket last sent an event or a pong. */
    private long lastHeard;

    public UserStream(String account, BinanceRest rest, URI userStreamUrl, Vertx vertx, Timing timing,
                      Listener listener) {
        this.account = account;
        this.rest = rest;
        this.userStreamUrl = userStreamUrl;
        this.client = vertx.createWebSocketClient();
        this.timing = timing;
        this.listener = listener;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "binance-user-stream-" + account);
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the stream (asynchronously); it then stays open until {@link #close}. */
    public void start() {
        thread.execute(this::open);
    }

    /** Whether the socket is open now (readiness: fills are not heard while it is not). */
    public boolean connected() {
        return connected;
    }

    /** How many times the stream was opened again after its first connection. */
    public long reconnects() {
        return reconnects.get();
    }

    /** How many sockets were replaced because nothing came from them for the silence limit. */
    public long silentSockets() {
        return silentSockets.get();
    }

    private void open() {
        if (stopped) {
            return;
        }
        String listenKey;
        try {
            listenKey = rest.post(rest.api().v1("listenKey"), Map.of(), BinanceRest.Security.API_KEY).path("listenKey")
                    .asText("");
        } catch (BinanceException e) {
            retry("no listenKey: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (listenKey.isEmpty()) {
            retry("the listenKey answer has no listenKey");
            return;
        }
        long mine = ++generation;
        boolean tls = "wss".equalsIgnoreCase(userStreamUrl.getScheme());
        String path = (userStreamUrl.getRawPath() == null ? "" : userStreamUrl.getRawPath()) + "/ws";
        // USD-M's /private base takes the key and an allow-list of events as parameters; COIN-M the key in the path.
        String uri = rest.api() == FuturesApi.USD_M ? path + "?listenKey=" + listenKey + "&events=" + EVENTS
                : path + "/" + listenKey;
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(userStreamUrl.getHost())
                .setPort(userStreamUrl.getPort() > 0 ? userStreamUrl.getPort() : tls ? 443 : 80).setSsl(tls)
                .setURI(uri).setConnectTimeout(10_000);
        client.connect(options).onComplete(result -> onThread(() -> {
            if (result.failed()) {
                if (mine == generation) {
                    retry("cannot connect to " + userStreamUrl.getHost() + path + ": " + result.cause().getMessage());
                }
            } else if (stopped || mine != generation) {
                result.result().close();
            } else {
                opened(result.result(), mine);
            }
        }));
    }

    private void opened(WebSocket ws, long mine) {
        socket = ws;
        lastHeard = System.nanoTime();
        ws.textMessageHandler(text -> onThread(() -> message(text, mine)));
        ws.pongHandler(ignored -> onThread(() -> heard(mine)));
        ws.exceptionHandler(error -> onThread(() -> {
            if (mine == generation) {
                LOG.warnf("Binance %s user stream: %s; reconnecting", account, error.toString());
                ws.close();
            }
        }));
        ws.closeHandler(ignored -> onThread(() -> closed(mine)));
        long keepAlive = timing.keepAlive().toMillis();
        keepAliveTask = thread.scheduleWithFixedDelay(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
        long watch = Math.max(1, timing.silenceLimit().toMillis() / 3);
        watchTask = thread.scheduleWithFixedDelay(() -> watch(mine), watch, watch, TimeUnit.MILLISECONDS);
        connected = true;
        boolean afterGap = everConnected;
        if (afterGap) {
            reconnects.incrementAndGet();
        }
        everConnected = true;
        LOG.infof("Binance %s user stream open%s", account, afterGap ? " again: recovering what it missed" : "");
        listener.connected(afterGap);
    }

    private void heard(long mine) {
        if (mine == generation) {
            lastHeard = System.nanoTime();
        }
    }

    /** Replaces a socket silent for the limit; otherwise pings it, so that a live one answers before the next look. */
    private void watch(long mine) {
        if (mine != generation || socket == null) {
            return;
        }
        long silentMillis = (System.nanoTime() - lastHeard) / 1_000_000;
        if (silentMillis >= timing.silenceLimit().toMillis()) {
            silentSockets.incrementAndGet();
            LOG.warnf("Binance %s user stream: nothing heard for %d s (no event, no pong); the connection is "
                    + "taken as dead", account, silentMillis / 1000);
            reconnect("a silent socket");
            return;
        }
        socket.writePing(Buffer.buffer("tradeflow"));
    }

    private void message(String text, long mine) {
        if (mine != generation) {
            return;
        }
        lastHeard = System.nanoTime();
        UserEvent event;
        try {
            event = UserEvents.parse(text);
        } catch (BinancePayloadException e) {
            // The fills it may have held are recovered with the next reconciliation; the stream goes on.
            LOG.warnf("Binance %s user stream: an unreadable event left out: %s", account, e.getMessage());
            return;
        }
        if (event instanceof UserEvent.ListenKeyExpired) {
            reconnect("listenKeyExpired");
            return;
        }
        listener.event(event);
    }

    private void keepAlive() {
        try {
            rest.put(rest.api().v1("listenKey"), Map.of(), BinanceRest.Security.API_KEY);
        } catch (BinanceException e) {
            if (e.code().orElse(0) == KEY_EXPIRED) {
                reconnect("the listenKey expired (-1125)");
            } else {
                LOG.warnf("Binance %s user stream: keep-alive failed (%s); trying again in %d s", account,
                        e.getMessage(), timing.keepAlive().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops the socket on purpose and opens a new one with a key asked for again. */
    private void reconnect(String why) {
        LOG.infof("Binance %s user stream: %s; reconnecting with a new listenKey", account, why);
        WebSocket old = socket;
        down(why);
        if (old != null) {
            old.close();
        }
        open();
    }

    private void closed(long mine) {
        if (mine != generation || stopped) {
            return;
        }
        down("the socket closed");
        retry("the socket closed");
    }

    private void down(String why) {
        generation++;
        socket = null;
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
            keepAliveTask = null;
        }
        if (watchTask != null) {
            watchTask.cancel(false);
            watchTask = null;
        }
        if (connected) {
            connected = false;
            listener.disconnected(why);
        }
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        long delay = timing.retryDelay().toMillis();
        LOG.warnf("Binance %s user stream down (%s); trying again in %d ms", account, why, delay);
        thread.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    /** Runs a socket's callback on the stream's thread; after {@link #close} there is nothing left to do. */
    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // closed meanwhile
        }
    }

    /** Closes the socket for good; the listenKey is left to expire (another instance may share it). */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(() -> {
            stopped = true;
            WebSocket old = socket;
            down("closed");
            if (old != null) {
                old.close();
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
