package io.tradeflow.marketdata.domain;

import io.tradeflow.core.domain.Kline;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest open time published per (symbol, interval): what makes publishing "at most once" and shows gaps.
 * Seeded at start from the tail of the klines topic, so a restarted service knows where it stopped.
 */
public final class PublishedKlines {
    private final Map<Subscription, Long> newest = new ConcurrentHashMap<>();

    /** The open time of the newest published kline of {@code pair}, if any. */
    public OptionalLong newestOpenTime(Subscription pair) {
        Long openTime = newest.get(pair);
        return openTime == null ? OptionalLong.empty() : OptionalLong.of(openTime);
    }

    /** True when {@code kline} is newer than everything published for its pair. */
    public boolean isNew(Kline kline) {
        Long last = newest.get(pairOf(kline));
        return last == null || kline.openTime() > last;
    }

    /** Number of klines missing between the newest published one and {@code kline} (0 when they follow on). */
    public long missingBefore(Kline kline) {
        Long last = newest.get(pairOf(kline));
        if (last == null) {
            return 0;
        }
        long missing = 0;
        for (long open = kline.interval().nextOpenTime(last); open < kline.openTime(); open = kline.interval().nextOpenTime(open)) {
            missing++;
        }
        return missing;
    }

    /** Records {@code openTime} as published for {@code pair}, keeping the newest. */
    public void record(Subscription pair, long openTime) {
        newest.merge(pair, openTime, Math::max);
    }

    public static Subscription pairOf(Kline kline) {
        return new Subscription(kline.symbol(), kline.interval());
    }
}
