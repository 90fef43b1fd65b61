package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.marketdata.domain.Subscription;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Closed klines from REST ({@code GET /fapi/v1/klines}), page by page until caught up with the exchange's clock:
 * what fills a gap after a reconnect or a lost message, and the warm-up history of a pair nothing was published for.
 */
public final class BinanceKlineHistory {
    private final BinanceRestClient rest;

    public BinanceKlineHistory(BinanceRestClient rest) {
        this.rest = rest;
    }

    /** Where to start. */
    public sealed interface Start {
        /** Right after the kline opening at {@code openTime}, the newest one published. */
        record After(long openTime) implements Start {
        }

        /** Far enough back for at least {@code klines} closed klines. */
        record WarmUp(int klines) implements Start {
        }
    }

    /**
     * Hands every closed kline of {@code pair} from {@code start} on to {@code each}, oldest first, and returns how
     * many. A row whose close time is not yet past by the exchange's clock is the kline still open: it and anything
     * after it is left for the stream.
     */
    public int closedKlines(Subscription pair, Start start, Consumer<Kline> each)
            throws BinanceApiException, MalformedMessageException, InterruptedException {
        Interval interval = pair.interval();
        long serverNow = rest.serverTime();
        long from = switch (start) {
            case Start.After after -> interval.nextOpenTime(after.openTime());
            case Start.WarmUp warmUp -> serverNow - (warmUp.klines() + 1L) * longestLength(interval).toMillis();
        };
        int handed = 0;
        while (true) {
            int limit = limitFor(from, serverNow, interval);
            List<Kline> page = rest.klines(pair.symbol(), interval, from, limit);
            for (Kline kline : page) {
                if (kline.closeTime() >= serverNow) {
                    return handed;
                }
                each.accept(kline);
                handed++;
            }
            if (page.size() < limit) {
                return handed;
            }
            long next = interval.nextOpenTime(page.getLast().openTime());
            if (next <= from) {
                return handed;
            }
            from = next;
        }
    }

    /**
     * Rows expected up to the open kline, plus slack, at most {@link BinanceRestClient#MAX_KLINES}. Binance weighs a
     * klines request by its limit (1 under 100 rows, 10 over 1000), and the usual catch-up after a reconnect is a
     * handful of klines per pair: asking for 1500 each time would spend ten times the weight for nothing.
     */
    static int limitFor(long from, long serverNow, Interval interval) {
        long expected = Math.max(0, serverNow - from) / shortestLength(interval).toMillis() + 2;
        return (int) Math.min(BinanceRestClient.MAX_KLINES, expected);
    }

    private static Duration shortestLength(Interval interval) {
        return interval.isFixedLength() ? interval.duration() : Duration.ofDays(28);
    }

    private static Duration longestLength(Interval interval) {
        // A month is 28 to 31 days; counting 31 never starts the warm-up short of the klines asked for.
        return interval.isFixedLength() ? interval.duration() : Duration.ofDays(31);
    }
}
