package io.tradeflow.indicator.cache;

import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics.RestoredFrom;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * Warms indicators up from market-data's cached candles in Redis: a series seen for the first time (no state in the
 * state store), and indicators a new bot adds to a live series. Redis is only a head start here: what it lacks
 * leaves the indicators unstable a little longer, and it holds the very klines the stream carried.
 */
@ApplicationScoped
public class SeriesLoader {

    /** A new series and where its history came from. */
    public record Loaded(IndicatorSeries series, RestoredFrom from, int klinesReplayed) {
    }

    private final CandleHistory candles;

    public SeriesLoader(CandleHistory candles) {
        this.candles = candles;
    }

    /** A new series computing {@code required}, warmed up with the cached klines opening before {@code openTime}. */
    public Loaded fresh(SeriesKey key, Set<String> required, long openTime) {
        IndicatorSeries series = new IndicatorSeries(key.symbol(), key.interval());
        series.require(required);
        List<Kline> history = candles.before(key, openTime);
        if (history.isEmpty()) {
            return new Loaded(series, RestoredFrom.NONE, 0);
        }
        series.warmUp(history);
        return new Loaded(series, RestoredFrom.CANDLES, history.size());
    }

    /**
     * Warms indicators just added to a live series (a new bot) from the cached candles up to the series' newest
     * kline, so they are as far along as the cache allows rather than starting from nothing.
     *
     * @return how many cached klines were folded in
     */
    public int warmUpAdded(SeriesKey key, IndicatorSeries series, Set<String> added) {
        if (series.lastOpenTime() == IndicatorSeries.NO_KLINE) {
            return 0; // nothing seen yet: the new indicators start together with the others
        }
        List<Kline> history = candles.upTo(key, series.lastOpenTime());
        series.warmUp(added, history);
        return history.size();
    }
}
