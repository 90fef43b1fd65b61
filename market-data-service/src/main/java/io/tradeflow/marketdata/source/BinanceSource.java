package io.tradeflow.marketdata.source;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.marketdata.cache.CandleStore;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.domain.SubscriptionRegistry;
import io.tradeflow.marketdata.exchange.BinanceClock;
import io.tradeflow.marketdata.exchange.BinanceEndpoints;
import io.tradeflow.marketdata.exchange.BinanceKlineHistory;
import io.tradeflow.marketdata.exchange.BinanceKlineMessage;
import io.tradeflow.marketdata.exchange.BinanceMessageParser;
import io.tradeflow.marketdata.exchange.BinanceRestClient;
import io.tradeflow.marketdata.exchange.BinanceStreamMessage;
import io.tradeflow.marketdata.exchange.BinanceStreamPool;
import io.tradeflow.marketdata.exchange.KlineStreamWatchdog;
import io.tradeflow.marketdata.exchange.MalformedMessageException;
import io.tradeflow.marketdata.exchange.SilentStreamCheck;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code tradeflow.market-data.source=binance}: kline streams for every pair of the {@link SubscriptionRegistry} over
 * Binance's combined-stream WebSockets, closed klines to the {@link KlineSink} without a gap (REST backfill at start,
 * after every reconnect and whenever a closed kline does not follow on), in-progress klines only as the latest price.
 * Pairs that come and go at run time are subscribed and unsubscribed on the open connections. A stream that stays
 * silent while its connection is up ({@link KlineStreamWatchdog}) is reported, caught up over REST and asked for again.
 */
@ApplicationScoped
public class BinanceSource {
    private static final Logger LOG = Logger.getLogger(BinanceSource.class);
    private static final int LOGGED_MESSAGE_CHARS = 300;

    private final MarketDataConfig config;
    private final Vertx vertx;
    private final SubscriptionRegistry registry;
    private final PublishedKlines published;
    private final KlineSink sink;
    private final CandleStore candles;
    private final MarketDataMetrics metrics;

    private final Map<Subscription, BinanceSourceFeed> feeds = new ConcurrentHashMap<>();
    private volatile Map<String, Subscription> pairsByStream = Map.of();
    /** Pairs Binance said do not exist: not asked for again while this process runs. */
    private final Set<Subscription> rejected = ConcurrentHashMap.newKeySet();
    private volatile BinanceStreamPool streams;
    private volatile BinanceKlineHistory history;
    private volatile BinanceEndpoints endpoints;
    private volatile KlineStreamWatchdog watchdog;
    private volatile SilentStreamCheck silenceCheck;
    private volatile boolean running;

    public BinanceSource(MarketDataConfig config, Vertx vertx, SubscriptionRegistry registry, PublishedKlines published,
                         KlineSink sink, CandleStore candles, MarketDataMetrics metrics) {
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
        this.published = published;
        this.sink = sink;
        this.candles = candles;
        this.metrics = metrics;
    }

    // A late priority: the other start-up observers (the Redis writer among them) are in place before klines flow.
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent ignored) {
        if (config.source() != MarketDataConfig.Source.binance) {
            return;
        }
        MarketDataConfig.Binance binance = config.binance();
        endpoints = BinanceEndpoints.of(binance.market(), binance.wsUrl(), binance.restUrl());
        BinanceClock clock = new BinanceClock();
        BinanceRestClient rest = new BinanceRestClient(endpoints, binance.reconnectMinBackoff(), binance.reconnectMaxBackoff(), clock);
        history = new BinanceKlineHistory(rest);
        watchdog = new KlineStreamWatchdog(binance.klineGrace());
        silenceCheck = new SilentStreamCheck(watchdog, clock, rest, binance.klineGrace(), this::silent);
        streams = new BinanceStreamPool(vertx, endpoints,
                new BinanceStreamPool.Settings(binance.maxStreamsPerConnection(), binance.reconnectAfter(),
                        binance.reconnectMinBackoff(), binance.reconnectMaxBackoff(), binance.readIdleTimeout()),
                new BinanceStreamPool.Listener() {
                    @Override
                    public void streamsStarted(Set<String> names) {
                        catchUp(names);
                    }

                    @Override
                    public void streamsStopped(Set<String> names) {
                        pairsOf(names).forEach(watchdog::stopped);
                    }

                    @Override
                    public void message(String text) {
                        onMessage(text);
                    }
                }, metrics);
        running = true;
        LOG.infof("Streaming %s klines from %s (REST %s)", binance.market(), endpoints.webSocketBase(), endpoints.restBase());
        registry.onChange(ignoredPairs -> subscriptionsChanged());
        subscriptionsChanged();
        silenceCheck.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        synchronized (this) {
            running = false;
        }
        if (silenceCheck != null) {
            silenceCheck.close();
        }
        if (streams != null) {
            streams.stop();
        }
        feeds.values().forEach(BinanceSourceFeed::stop);
        feeds.clear();
    }

    /** True while every connection the wanted streams need is open (and with no pair wanted, trivially). */
    public boolean isConnected() {
        BinanceStreamPool pool = streams;
        return pool != null && pool.openConnections() == pool.totalConnections();
    }

    public int openConnections() {
        BinanceStreamPool pool = streams;
        return pool == null ? 0 : pool.openConnections();
    }

    public int totalConnections() {
        BinanceStreamPool pool = streams;
        return pool == null ? 0 : pool.totalConnections();
    }

    /** Kline streams wanted across all connections. */
    public int streamCount() {
        BinanceStreamPool pool = streams;
        return pool == null ? 0 : pool.streamCount();
    }

    public boolean isRunning() {
        return running;
    }

    /** Streams silent now though their connection is up, by name ({@code btcusdt@kline_1m}). */
    public List<String> silentStreams() {
        KlineStreamWatchdog dog = watchdog;
        return dog == null ? List.of() : dog.silent().stream().map(BinanceEndpoints::streamName).toList();
    }

    // Reads the registry itself rather than trusting the notified set: notifications from two threads may arrive
    // in either order, the registry's current state is what counts.
    private synchronized void subscriptionsChanged() {
        if (!running) {
            return;
        }
        Set<Subscription> wanted = new LinkedHashSet<>(registry.current());
        wanted.removeAll(rejected);
        feeds.entrySet().removeIf(entry -> {
            if (wanted.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().stop();
            LOG.infof("%s: no longer streamed", entry.getKey());
            return true;
        });
        Map<String, Subscription> byStream = new HashMap<>();
        for (Subscription pair : wanted) {
            feeds.computeIfAbsent(pair, this::newFeed);
            byStream.put(BinanceEndpoints.streamName(pair), pair);
        }
        pairsByStream = Map.copyOf(byStream);
        watchdog.watchOnly(wanted);
        metrics.silentStreams(watchdog.silent().size());
        streams.update(byStream.keySet());
    }

    private BinanceSourceFeed newFeed(Subscription pair) {
        LOG.infof("%s: streaming from Binance", pair);
        return new BinanceSourceFeed(pair, history, published, sink, metrics, config.candles().keep(), this::reject);
    }

    private void reject(Subscription pair) {
        rejected.add(pair);
        subscriptionsChanged();
    }

    private void catchUp(Set<String> names) {
        for (Subscription pair : pairsOf(names)) {
            BinanceSourceFeed feed = feeds.get(pair);
            if (feed != null) {
                watchdog.started(pair);
                feed.catchUp(() -> watchdog.caughtUp(pair, published.newestOpenTime(pair)));
            }
        }
    }

    private List<Subscription> pairsOf(Collection<String> names) {
        Map<String, Subscription> byStream = pairsByStream;
        return names.stream().map(byStream::get).filter(Objects::nonNull).toList();
    }

    /**
     * Streams overdue by their kline's close time plus the grace: the first time in a silence a WARN and the metric,
     * every time a resubscribe, whose start catches them up over REST like any (re)started stream.
     */
    private void silent(List<KlineStreamWatchdog.Overdue> overdue) {
        Duration grace = config.binance().klineGrace();
        String hint = endpoints.klinePathHint().map(text -> " " + text + ": check tradeflow.market-data.binance.ws-url.").orElse("");
        for (KlineStreamWatchdog.Overdue stream : overdue) {
            String name = BinanceEndpoints.streamName(stream.pair());
            if (stream.newlySilent()) {
                metrics.streamSilent(stream.pair().interval());
                LOG.warnf("Binance stream %s is silent: its connection to %s is up, but its kline closing at %s had not"
                                + " arrived %d ms later. Readiness binance-streams is DOWN until the stream delivers again;"
                                + " meanwhile its klines come from REST and the stream is asked for again.%s",
                        name, endpoints.webSocketBase(), Instant.ofEpochMilli(stream.dueCloseTime()), grace.toMillis(), hint);
            } else {
                LOG.debugf("Binance stream %s still silent (kline closing at %d missing): catching up and asking again",
                        name, stream.dueCloseTime());
            }
        }
        List<Subscription> silentNow = watchdog.silent();
        metrics.silentStreams(silentNow.size());
        streams.resubscribe(names(overdue.stream().map(KlineStreamWatchdog.Overdue::pair).toList()), names(silentNow));
    }

    private static Set<String> names(Collection<Subscription> pairs) {
        return pairs.stream().map(BinanceEndpoints::streamName).collect(Collectors.toSet());
    }

    private void onMessage(String text) {
        BinanceStreamMessage message;
        try {
            message = BinanceMessageParser.parseStreamMessage(text);
        } catch (MalformedMessageException e) {
            malformed(e, text);
            return;
        }
        switch (message) {
            case BinanceKlineMessage kline -> onKline(kline, text);
            case BinanceStreamMessage.CommandAnswered answered -> LOG.debugf("Binance accepted command %d", answered.id());
            case BinanceStreamMessage.CommandRefused refused ->
                    LOG.warnf("Binance refused command %d (code %d: %s)", refused.id(), refused.code(), refused.reason());
            case BinanceStreamMessage.OtherEvent other -> LOG.debugf("Ignoring a %s event on %s", other.eventType(), other.stream());
        }
    }

    private void onKline(BinanceKlineMessage message, String text) {
        BinanceSourceFeed feed = feeds.get(message.pair());
        if (feed == null) {
            // In flight when its pair was unsubscribed.
            LOG.debugf("Ignoring a kline of %s, which is not subscribed", message.pair());
            return;
        }
        if (!message.closed()) {
            candles.updatePrice(message.symbol(), message.close(), message.eventTime());
            return;
        }
        Kline kline;
        try {
            kline = message.toKline();
        } catch (MalformedMessageException e) {
            malformed(e, text);
            return;
        }
        metrics.klineReceived(KlineSource.BINANCE, kline.interval());
        if (watchdog.delivered(message.pair(), kline.openTime())) {
            metrics.silentStreams(watchdog.silent().size());
            LOG.infof("Binance stream %s delivers again", BinanceEndpoints.streamName(message.pair()));
        }
        feed.closed(kline, message.eventTime());
    }

    private void malformed(MalformedMessageException e, String text) {
        metrics.malformedMessage();
        String shown = text == null ? "null" : text.length() <= LOGGED_MESSAGE_CHARS ? text : text.substring(0, LOGGED_MESSAGE_CHARS) + "...";
        LOG.warnf("Skipped a malformed Binance message (%s): %s", e.getMessage(), shown);
    }
}
