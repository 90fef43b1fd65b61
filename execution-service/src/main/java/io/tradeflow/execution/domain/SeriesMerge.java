package io.tradeflow.execution.domain;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Puts the klines of {@code market.klines.v1} and the signals of {@code signals.v1} of each (symbol, interval) into
 * market-time order, whatever order they were read in, so that what the paper venue does depends on the signals and
 * the klines alone.
 *
 * <p>Market time: kline N happens (its stops may fire), then the signals computed at its close. A {@link Step} for
 * kline N is ready once both (a) kline N has been read (its stop check must come before its signals) and (b) the
 * {@link SignalWatermark} of kline N has been read: signal-service writes it after every signal of kline N, on the
 * same partition, so no signal of kline N or earlier can still come. Before that, klines and signals wait here.
 *
 * <p>Each item carries a handle (the Kafka message) that must only be acknowledged once its step is durable; an
 * item of a kline already done (a redelivery after a restart) is handed back at once for acknowledgement.
 * Not thread-safe: one thread feeds it.
 */
public final class SeriesMerge {

    /** A (symbol, interval). */
    public record Series(Symbol symbol, Interval interval) {
    }

    /** A signal as received: the receipt time decides staleness. */
    public record Received(SignalGenerated signal, long receivedAt) {
    }

    /**
     * Everything of one kline, in market-time order: the kline (null when it was done before a restart and only
     * its signals came again, which cannot happen for a step with signals, or was never read) and its signals,
     * sorted by bot id.
     */
    public record Step(Series series, long openTime, KlineClosed kline, List<Received> signals) {
    }

    private static final class Pending {
        long done;
        long newestKline;
        long watermark;
        final NavigableMap<Long, KlineClosed> klines = new TreeMap<>();
        final NavigableMap<Long, Map<String, Received>> signals = new TreeMap<>();
        final NavigableMap<Long, List<Object>> handles = new TreeMap<>();
    }

    private final Map<Series, Pending> series = new HashMap<>();
    private final List<Object> releasable = new ArrayList<>();

    /** Where a series was done before this start (from storage): nothing at or before it is processed again. */
    public void doneThrough(Series key, long openTime) {
        Pending pending = pending(key);
        pending.done = Math.max(pending.done, openTime);
        pending.newestKline = Math.max(pending.newestKline, openTime);
    }

    public void kline(KlineClosed kline, Object handle) {
        Pending pending = pending(new Series(kline.symbol(), kline.interval()));
        if (!hold(pending, kline.openTime(), handle)) {
            return;
        }
        pending.klines.put(kline.openTime(), kline);
        pending.newestKline = Math.max(pending.newestKline, kline.openTime());
    }

    public void signal(SignalGenerated signal, long receivedAt, Object handle) {
        Pending pending = pending(new Series(signal.symbol(), signal.interval()));
        if (!hold(pending, signal.klineOpenTime(), handle)) {
            return;
        }
        pending.signals.computeIfAbsent(signal.klineOpenTime(), t -> new TreeMap<>())
                .putIfAbsent(signal.botId(), new Received(signal, receivedAt));
    }

    public void watermark(SignalWatermark watermark, Object handle) {
        Pending pending = pending(new Series(watermark.symbol(), watermark.interval()));
        if (!hold(pending, watermark.klineOpenTime(), handle)) {
            return;
        }
        pending.watermark = Math.max(pending.watermark, watermark.klineOpenTime());
    }

    /** The steps now ready, in market-time order per series. Call {@link #done} after each is durable. */
    public List<Step> ready() {
        List<Step> steps = new ArrayList<>();
        series.forEach((key, pending) -> {
            long frontier = Math.min(pending.watermark, pending.newestKline);
            for (long time : times(pending, frontier)) {
                Map<String, Received> signals = pending.signals.getOrDefault(time, Map.of());
                steps.add(new Step(key, time, pending.klines.get(time), List.copyOf(signals.values())));
            }
        });
        return steps;
    }

    /** The step is durable: forget it and release its handles (and every handle at or before it). */
    public void done(Step step) {
        Pending pending = series.get(step.series());
        pending.done = Math.max(pending.done, step.openTime());
        pending.klines.headMap(step.openTime(), true).clear();
        pending.signals.headMap(step.openTime(), true).clear();
        NavigableMap<Long, List<Object>> released = pending.handles.headMap(step.openTime(), true);
        released.values().forEach(releasable::addAll);
        released.clear();
    }

    /** Handles that may now be acknowledged; each is returned once. */
    public List<Object> drainReleasable() {
        List<Object> result = List.copyOf(releasable);
        releasable.clear();
        return result;
    }

    /** Forgets everything (the partitions were taken away; Kafka delivers what was not acknowledged again). */
    public void clear() {
        series.clear();
        releasable.clear();
    }

    /** Klines and signals waiting for their watermark or kline, over all series. */
    public int waiting() {
        return series.values().stream().mapToInt(p -> p.klines.size() + p.signals.size()).sum();
    }

    /** The oldest open time waiting in any series, or 0 when none waits. */
    public long oldestWaiting() {
        return series.values().stream().filter(p -> !p.handles.isEmpty()).mapToLong(p -> p.handles.firstKey())
                .min().orElse(0);
    }

    private boolean hold(Pending pending, long openTime, Object handle) {
        if (openTime <= pending.done) {
            releasable.add(handle);
            return false;
        }
        pending.handles.computeIfAbsent(openTime, t -> new ArrayList<>()).add(handle);
        return true;
    }

    private static List<Long> times(Pending pending, long frontier) {
        if (frontier <= pending.done) {
            return List.of();
        }
        TreeMap<Long, Boolean> times = new TreeMap<>();
        pending.klines.subMap(pending.done, false, frontier, true).keySet().forEach(t -> times.put(t, true));
        pending.signals.subMap(pending.done, false, frontier, true).keySet().forEach(t -> times.put(t, true));
        return List.copyOf(times.keySet());
    }

    private Pending pending(Series key) {
        return series.computeIfAbsent(key, k -> new Pending());
    }
}
