package io.tradeflow.indicator.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventDecodingException;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.indicator.domain.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads market-data's Redis list {@code candles:{SYMBOL}:{INTERVAL}} (KlineClosed JSON, newest last) to warm up
 * a new series or a bot's new indicators. It is a cache: whatever it lacks simply leaves the indicators unstable longer.
 */
@ApplicationScoped
public class CandleHistory {
    private static final Logger LOG = Logger.getLogger(CandleHistory.class);

    private final ListCommands<String, String> lists;

    public CandleHistory(RedisDataSource redis) {
        this.lists = redis.list(String.class);
    }

    public static String key(SeriesKey series) {
        return "candles:" + series.symbol().value() + ":" + series.interval().code();
    }

    /** The cached klines of {@code series} opening before {@code openTime}, oldest first. */
    public List<Kline> before(SeriesKey series, long openTime) {
        return upTo(series, openTime - 1);
    }

    /** The cached klines of {@code series} opening at or before {@code openTime}, oldest first. */
    public List<Kline> upTo(SeriesKey series, long openTime) {
        List<Kline> klines = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (String json : lists.lrange(key(series), 0, -1)) {
            Kline kline;
            try {
                kline = EventCodec.decode(json, KlineClosed.class).kline();
            } catch (EventDecodingException e) {
                LOG.warnf("%s: skipping an unreadable cached kline: %s", key(series), e.getMessage());
                continue;
            }
            // Only strictly increasing open times of this very series: a series must never see a kline twice.
            if (kline.openTime() > openTime || kline.openTime() <= last
                    || !kline.symbol().equals(series.symbol()) || kline.interval() != series.interval()) {
                continue;
            }
            klines.add(kline);
            last = kline.openTime();
        }
        return klines;
    }
}
