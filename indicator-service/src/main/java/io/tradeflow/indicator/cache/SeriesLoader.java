package io.tradeflow.indicator.cache;

import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics.RestoredFrom;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a series into memory when its first kline arrives after a start or a partition assignment: from its
 * checkpoint when there is one (exactly where the last published snapshot left it), else warmed up from the
 * cached candles that precede the kline, else empty.
 */
@ApplicationScoped
public class SeriesLoader {
    private static final Logger LOG = Logger.getLogger(SeriesLoader.class);

    public record Loaded(IndicatorSeries series, RestoredFrom from, int klinesReplayed) {
    }

    private final CheckpointStore checkpoints;
    private final CandleHistory candles;

    public SeriesLoader(CheckpointStore checkpoints, CandleHistory candles) {
        this.checkpoints = checkpoints;
        this.candles = candles;
    }

    /** Loads {@code key} for a kline opening at {@code openTime}, computing at least {@code required}. */
    public Loaded load(SeriesKey key, Set<String> required, long openTime) {
        Optional<IndicatorSeries> restored = restore(key);
        if (restored.isPresent()) {
            return new Loaded(restored.get(), RestoredFrom.CHECKPOINT, 0);
        }
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
     */
    public int warmUpAdded(SeriesKey key, IndicatorSeries series, Set<String> added) {
        if (series.lastOpenTime() == IndicatorSeries.NO_KLINE) {
            return 0; // nothing seen yet: the new indicators start together with the others
        }
        List<Kline> history = candles.upTo(key, series.lastOpenTime());
        series.warmUp(added, history);
        return history.size();
    }

    private Optional<IndicatorSeries> restore(SeriesKey key) {
        Optional<String> json = checkpoints.load(key);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(IndicatorSeries.restore(key.symbol(), key.interval(), IndicatorSeries.Checkpoint.fromJson(json.get())));
        } catch (IllegalArgumentException e) {
            // A checkpoint this version cannot read is rebuilt from the candles rather than stopping the series.
            LOG.errorf("%s: checkpoint %s unusable (%s); warming up from the candles instead", key, CheckpointStore.key(key), e.getMessage());
            return Optional.empty();
        }
    }
}
