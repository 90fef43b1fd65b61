package io.tradeflow.marketdata.exchange;

import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The combined-stream connections that together carry every wanted stream, at most {@code streamsPerConnection} each.
 * A change of the wanted set moves as few streams as it can: streams that went are unsubscribed where they are, new
 * ones fill connections with room (by SUBSCRIBE, no reconnect), and only the rest opens another connection.
 * All connection state lives on one Vert.x event loop; the public methods may be called from any thread.
 */
public final class BinanceStreamPool {
    /** What the owner hears from the streams. */
    public interface Listener {
        /** {@code streams} deliver from now on; called on the event loop before any message of theirs. */
        void streamsStarted(Set<String> streams);

        /** {@code streams} deliver nothing from now on: their connection closed (a reconnect follows). */
        default void streamsStopped(Set<String> streams) {
        }

        /** A text frame from any connection, on the event loop. */
        void message(String text);
    }

    /**
     * How the connections behave.
     *
     * @param readIdleTimeout a connection that heard nothing (not even a ping) for this long is dead even if TCP has
     *                        not noticed; Binance pings every 3 minutes, so 10 minutes is the usual choice
     */
    public record Settings(int streamsPerConnection, Duration reconnectAfter, Duration minBackoff, Duration maxBackoff,
            Duration readIdleTimeout) {
        public Settings {
            if (streamsPerConnection < 1) {
                throw new IllegalArgumentException("streams per connection must be at least 1, got " + streamsPerConnection);
            }
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final BinanceEndpoints endpoints;
    private final Settings settings;
    private final Listener listener;
    private final MarketDataMetrics metrics;
    private final List<BinanceStreamConnection> connections = new ArrayList<>();
    private int nextNumber = 1;
    private volatile int openConnections;
    private volatile int totalConnections;
    private volatile int streamCount;

    public BinanceStreamPool(Vertx vertx, BinanceEndpoints endpoints, Settings settings, Listener listener, MarketDataMetrics metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.endpoints = endpoints;
        this.settings = settings;
        this.listener = listener;
        this.metrics = metrics;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setReadIdleTimeout((int) settings.readIdleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxConnections(10_000)
                .setConnectTimeout(10_000));
    }

    /** The streams to carry from now on. */
    public void update(Set<String> wanted) {
        Set<String> copy = Set.copyOf(wanted);
        context.runOnContext(ignored -> apply(copy));
    }

    /**
     * Asks again for streams that deliver nothing though their connection is up (see {@link KlineStreamWatchdog}).
     * A connection all of whose streams are {@code silent} is reconnected: the connection, or the path it is on, is
     * what is wrong. On any other, the {@code overdue} streams are unsubscribed and subscribed again, leaving the
     * others undisturbed. Either way they are {@link Listener#streamsStarted started} again, which catches them up.
     *
     * @param overdue the streams to ask for now
     * @param silent  every stream silent now, {@code overdue} included
     */
    public void resubscribe(Set<String> overdue, Set<String> silent) {
        Set<String> due = Set.copyOf(overdue);
        Set<String> quiet = Set.copyOf(silent);
        context.runOnContext(ignored -> {
            for (BinanceStreamConnection connection : connections) {
                Set<String> carried = connection.streams();
                List<String> dueHere = carried.stream().filter(due::contains).toList();
                if (dueHere.isEmpty()) {
                    continue;
                }
                if (quiet.containsAll(carried)) {
                    connection.reconnect("silent-streams");
                } else {
                    connection.resubscribe(dueHere);
                }
            }
        });
    }

    /** Closes every connection for good. */
    public void stop() {
        context.runOnContext(ignored -> {
            connections.forEach(BinanceStreamConnection::stop);
            connections.clear();
            totalConnections = 0;
            client.close();
        });
    }

    public int openConnections() {
        return openConnections;
    }

    public int totalConnections() {
        return totalConnections;
    }

    /** Streams wanted across all connections. */
    public int streamCount() {
        return streamCount;
    }

    private void apply(Set<String> wanted) {
        List<Set<String>> current = connections.stream().map(BinanceStreamConnection::streams).toList();
        List<Set<String>> plan = allocate(current, wanted, settings.streamsPerConnection());
        List<BinanceStreamConnection> kept = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            BinanceStreamConnection connection = connections.get(i);
            Set<String> streams = plan.get(i);
            if (streams.isEmpty()) {
                connection.stop();
            } else {
                if (!streams.equals(current.get(i))) {
                    connection.want(streams);
                }
                kept.add(connection);
            }
        }
        for (int i = connections.size(); i < plan.size(); i++) {
            BinanceStreamConnection connection = new BinanceStreamConnection(nextNumber++, vertx, client, endpoints,
                    settings.reconnectAfter(), new Backoff(settings.minBackoff(), settings.maxBackoff()),
                    connectionListener, plan.get(i));
            kept.add(connection);
            connection.start();
        }
        connections.clear();
        connections.addAll(kept);
        totalConnections = kept.size();
        streamCount = wanted.size();
        countOpen();
    }

    /**
     * Which streams each connection carries after a change to {@code wanted}: entry i is connection i's new set
     * (empty: close it), entries past the current ones are new connections. Streams stay where they are.
     */
    static List<Set<String>> allocate(List<Set<String>> current, Set<String> wanted, int capacity) {
        List<Set<String>> plan = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (Set<String> streams : current) {
            Set<String> kept = new LinkedHashSet<>();
            for (String stream : streams) {
                if (wanted.contains(stream) && !placed.contains(stream) && kept.size() < capacity) {
                    kept.add(stream);
                    placed.add(stream);
                }
            }
            plan.add(kept);
        }
        List<String> unplaced = wanted.stream().filter(stream -> !placed.contains(stream)).sorted().toList();
        int next = 0;
        for (Set<String> streams : plan) {
            // A connection emptied by this change is closed rather than refilled, so it takes no new streams.
            while (!streams.isEmpty() && streams.size() < capacity && next < unplaced.size()) {
                streams.add(unplaced.get(next++));
            }
        }
        while (next < unplaced.size()) {
            Set<String> streams = new LinkedHashSet<>();
            while (streams.size() < capacity && next < unplaced.size()) {
                streams.add(unplaced.get(next++));
            }
            plan.add(streams);
        }
        return plan;
    }

    private void countOpen() {
        int open = (int) connections.stream().filter(BinanceStreamConnection::isOpen).count();
        openConnections = open;
        metrics.websocketState(open);
    }

    private final BinanceStreamConnection.Listener connectionListener = new BinanceStreamConnection.Listener() {
        @Override
        public void streamsStarted(int connection, Set<String> streams) {
            listener.streamsStarted(streams);
        }

        @Override
        public void streamsStopped(int connection, Set<String> streams) {
            listener.streamsStopped(streams);
        }

        @Override
        public void message(String text) {
            listener.message(text);
        }

        @Override
        public void stateChanged(int connection, boolean open) {
            countOpen();
        }

        @Override
        public void reconnecting(int connection, String reason) {
            metrics.reconnect(reason);
        }
    };
}
