package io.tradeflow.indicator.stream;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.CheckpointBytes;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.indicator.cache.SeriesLoader;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import io.tradeflow.service.stream.BotTable;
import io.tradeflow.service.stream.CaughtUp;
import io.tradeflow.service.stream.DeadLetters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One snapshot per new closed kline, inside Kafka Streams' exactly-once transaction: the kline's offset, the
 * series' new state (store {@value #STORE}, changelogged) and the snapshot are committed together or not at all, so
 * a crash anywhere repeats the kline against the state it had before, and {@code read_committed} readers see each
 * snapshot once.
 *
 * <p>Per kline there is no network round trip: the series lives in this task's memory, its state goes to the
 * store's record cache, which sends one changelog record per series per commit. A series is read from the store once
 * after the task starts (a restart, a rebalance, an aborted transaction), or, seen for the first time, warmed up from
 * the cached candles. Its indicators follow the bots: checked only when {@link IndicatorRequirements#version()}
 * moved, new ones warmed up from the cached candles, ones nobody reads any more dropped, so a snapshot's values
 * depend on the running bots and the klines (and on what the candle cache held at a warm-up).
 */
final class KlineIndicators implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(KlineIndicators.class);
    static final String STORE = "series";

    /** A series in memory, and the requirements version its indicators match. */
    private static final class Live {
        final SeriesKey key;
        final IndicatorSeries series;
        long requirementsVersion;

        Live(SeriesKey key, IndicatorSeries series, long requirementsVersion) {
            this.key = key;
            this.series = series;
            this.requirementsVersion = requirementsVersion;
        }
    }

    private final IndicatorRequirements requirements;
    private final BotTable.Bots bots;
    private final SeriesLoader loader;
    private final Retrier retrier;
    private final IndicatorMetrics metrics;
    /** Dropped in init and close: after an abort the store is rolled back, and the objects must follow it. */
    private final Map<String, Live> live = new HashMap<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    KlineIndicators(IndicatorRequirements requirements, BotTable.Bots bots, SeriesLoader loader, Retrier retrier,
                    IndicatorMetrics metrics) {
        this.requirements = requirements;
        this.bots = bots;
        this.loader = loader;
        this.retrier = retrier;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        live.clear();
        BotTable.reload(bots, context.getStateStore(BotTable.STORE));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        handle(record);
        // Every record taken counts towards the poll's last one: a dead letter and a duplicate too.
        CaughtUp.commitIfCaughtUp(context, record, System.currentTimeMillis());
    }

    private void handle(Record<String, byte[]> record) {
        KlineClosed kline;
        try {
            kline = EventCodec.decode(record.value(), KlineClosed.class);
        } catch (RuntimeException e) {
            DeadLetters.forward(context, record, e, IndicatorTopology.DEAD_LETTERS);
            metrics.deadLettered();
            return;
        }
        SeriesKey key = new SeriesKey(kline.symbol(), kline.interval());
        String storeKey = key.toString();
        Live series = live.get(storeKey);
        if (series == null) {
            series = load(key, storeKey, kline);
            live.put(storeKey, series);
        }
        if (series.requirementsVersion != requirements.version()) {
            follow(series);
        }
        long producedAt = System.currentTimeMillis();
        Live current = series;
        IndicatorSeries.Update update = metrics.update().record(() -> current.series.apply(kline, producedAt));
        if (update.duplicate()) {
            metrics.klineDuplicate(kline.interval());
            LOG.debugf("%s: not newer than %d, nothing to do", kline.eventId(), series.series.lastOpenTime());
            return;
        }
        if (update.missedKlines() > 0) {
            metrics.gapFound(kline.interval(), update.missedKlines());
            LOG.warnf("%s: %d kline(s) missing before it; the indicators continue across the gap", kline.eventId(), update.missedKlines());
        }
        store.put(storeKey, series.series.checkpointBytes());
        IndicatorsComputed snapshot = update.snapshot().orElseThrow();
        context.forward(new Record<>(snapshot.key(), EventCodec.encode(snapshot), producedAt), IndicatorTopology.SNAPSHOTS);
        metrics.klineProcessed(kline.interval());
        metrics.snapshotPublished(kline.interval());
    }

    @Override
    public void close() {
        live.clear();
    }

    private Live load(SeriesKey key, String storeKey, KlineClosed kline) {
        byte[] stored = store.get(storeKey);
        if (stored != null) {
            try {
                IndicatorSeries series = IndicatorSeries.restore(key.symbol(), key.interval(), CheckpointBytes.read(stored));
                metrics.seriesRestored(IndicatorMetrics.RestoredFrom.STATE_STORE);
                // Version unknown: the bots may have changed while the series was elsewhere; follow() checks it.
                return new Live(key, series, -1);
            } catch (IllegalArgumentException e) {
                LOG.errorf("%s: stored state unusable (%s); warming up from the candles instead", key, e.getMessage());
            }
        }
        long version = requirements.version();
        SeriesLoader.Loaded loaded = retrier.untilDone("redis-candles", () -> loader.fresh(key, requirements.of(key), kline.openTime()));
        metrics.seriesRestored(loaded.from());
        LOG.infof("%s: new here, warmed up from %s (%d cached klines), computing %s", key, loaded.from(),
                loaded.klinesReplayed(), loaded.series().names());
        return new Live(key, loaded.series(), version);
    }

    /** Brings the series' indicators to what the bots need now. */
    private void follow(Live series) {
        long version = requirements.version();
        Set<String> needed = requirements.of(series.key);
        Set<String> dropped = series.series.retainOnly(needed);
        Set<String> added = series.series.require(needed);
        if (!added.isEmpty()) {
            int warmed = retrier.untilDone("redis-candles", () -> loader.warmUpAdded(series.key, series.series, added));
            LOG.infof("%s: added %s, warmed up with %d cached klines", series.key, added, warmed);
        }
        if (!dropped.isEmpty()) {
            LOG.infof("%s: dropped %s, no running bot reads them", series.key, dropped);
        }
        series.requirementsVersion = version;
    }
}
