package io.tradeflow.marketdata.source;

import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.exchange.BinanceApiException;
import io.tradeflow.marketdata.exchange.BinanceKlineHistory;
import io.tradeflow.marketdata.exchange.MalformedMessageException;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import org.jboss.logging.Logger;

import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Everything about one (symbol, interval) pair that must happen in order: REST catch-ups and closed stream klines
 * run one after the other on the pair's own virtual thread, so the per-pair task queue is the stream buffer the
 * design asks for. A kline that streams in while a backfill runs waits its turn behind it, and is handed to the sink
 * only after every older kline; the sink drops those the backfill already published.
 *
 * <p>No kline is published past a hole: a closed kline that does not follow the newest published one triggers a
 * REST backfill first, and if that fails the kline is held back (logged) and the next closed kline tries again, by
 * which time REST has this one too.
 */
final class BinanceSourceFeed {
    private static final Logger LOG = Logger.getLogger(BinanceSourceFeed.class);

    private final Subscription pair;
    private final BinanceKlineHistory history;
    private final PublishedKlines published;
    private final KlineSink sink;
    private final MarketDataMetrics metrics;
    private final int warmUpKlines;
    private final Consumer<Subscription> rejectPair;
    private final ExecutorService queue;

    BinanceSourceFeed(Subscription pair, BinanceKlineHistory history, PublishedKlines published, KlineSink sink,
                      MarketDataMetrics metrics, int warmUpKlines, Consumer<Subscription> rejectPair) {
        this.pair = pair;
        this.history = history;
        this.published = published;
        this.sink = sink;
        this.metrics = metrics;
        this.warmUpKlines = warmUpKlines;
        this.rejectPair = rejectPair;
        this.queue = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("binance-" + pair).factory());
    }

    Subscription pair() {
        return pair;
    }

    /**
     * The stream (re)started: fetch whatever closed while it was not delivering, then run {@code done}, also when the
     * catch-up failed or the feed, stopped, refused it (but not for a catch-up still queued when it stopped).
     */
    void catchUp(Runnable done) {
        try {
            queue.execute(() -> {
                try {
                    backfill("catch-up");
                } finally {
                    done.run();
                }
            });
        } catch (RejectedExecutionException e) {
            done.run();
        }
    }

    /** A closed kline from the stream, with the exchange's event time. */
    void closed(Kline kline, long eventTime) {
        run(() -> publish(kline, eventTime));
    }

    /** Stops at once: a running REST request is interrupted. */
    void stop() {
        queue.shutdownNow();
    }

    private void run(Runnable task) {
        try {
            queue.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debugf("%s: feed stopped, dropping a late task", pair);
        }
    }

    private void publish(Kline kline, long eventTime) {
        if (sink.failed()) {
            // Nothing more can be published before the restart: no backfill over REST, no error per kline.
            LOG.debugf("%s: kline %d not published: publishing has failed, the service waits for its restart", pair, kline.openTime());
            return;
        }
        OptionalLong newest = published.newestOpenTime(pair);
        long missing = published.missingBefore(kline);
        if (newest.isEmpty() || missing > 0) {
            if (missing > 0) {
                metrics.gapFound(pair.interval(), missing);
                LOG.warnf("%s: %d kline(s) missing before %d; backfilling them before it", pair, missing, kline.openTime());
            }
            if (!backfill(newest.isEmpty() ? "warm-up" : "gap")) {
                LOG.warnf("%s: kline %d held back, because publishing it now would leave a hole; the next closed kline retries the backfill",
                        pair, kline.openTime());
                return;
            }
        }
        try {
            sink.accept(kline, KlineSource.BINANCE, eventTime);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: could not publish kline %d", pair, kline.openTime());
        }
    }

    /** Publishes every closed kline after the newest published one (or the warm-up history); true when done. */
    private boolean backfill(String why) {
        OptionalLong newest = published.newestOpenTime(pair);
        BinanceKlineHistory.Start start = newest.isPresent()
                ? new BinanceKlineHistory.Start.After(newest.getAsLong())
                : new BinanceKlineHistory.Start.WarmUp(warmUpKlines);
        AtomicInteger fresh = new AtomicInteger();
        try {
            history.closedKlines(pair, start, kline -> {
                if (sink.accept(kline, KlineSource.BINANCE, kline.closeTime()) == KlineSink.Outcome.PUBLISHED) {
                    fresh.incrementAndGet();
                }
            });
            return true;
        } catch (BinanceApiException e) {
            if (e.isInvalidSymbol()) {
                LOG.errorf("%s: Binance does not know this symbol (code %d: %s); dropping the pair", pair, e.code(), e.binanceMessage());
                rejectPair.accept(pair);
            } else {
                LOG.errorf("%s: %s backfill refused by Binance (HTTP %d, code %d: %s)", pair, why, e.httpStatus(), e.code(), e.binanceMessage());
            }
        } catch (MalformedMessageException e) {
            LOG.errorf("%s: %s backfill got an unreadable REST answer: %s", pair, why, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: %s backfill failed", pair, why);
        } finally {
            if (fresh.get() > 0) {
                metrics.backfilled(pair.interval(), fresh.get());
                LOG.infof("%s: %s published %d kline(s) from REST", pair, why, fresh.get());
            }
        }
        return false;
    }
}
