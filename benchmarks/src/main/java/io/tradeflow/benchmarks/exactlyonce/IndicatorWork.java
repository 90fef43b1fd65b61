package io.tradeflow.benchmarks.exactlyonce;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;

import java.util.List;

/**
 * What indicator-service does per kline, done the same way by both sides of the spike: decode the
 * {@code KlineClosed} with trading-core's codec, fold it into its series' {@link IndicatorSeries}, encode the
 * {@code IndicatorsComputed} snapshot. Only the engine around it differs.
 */
final class IndicatorWork {
    private final List<String> indicators;

    IndicatorWork(List<String> indicators) {
        this.indicators = List.copyOf(indicators);
    }

    List<String> indicators() {
        return indicators;
    }

    /** The key of a kline's series in a state store or state topic: {@code SYMBOL:interval}. */
    static String seriesKey(KlineClosed kline) {
        return kline.symbol().value() + ":" + kline.interval().code();
    }

    /** @throws RuntimeException for bytes that are not a KlineClosed (a poison record, for the dead-letter topic) */
    static KlineClosed decode(byte[] value) {
        return EventCodec.decode(value, KlineClosed.class);
    }

    /** A series seeing its first kline: the spike's fixed indicators (the bots' requirements in indicator-service). */
    IndicatorSeries newSeries(KlineClosed kline) {
        IndicatorSeries series = new IndicatorSeries(kline.symbol(), kline.interval());
        series.require(indicators);
        return series;
    }

    /**
     * Folds the kline in and returns its encoded snapshot, or null when the series has already seen it (a kline
     * processed twice: with exactly-once processing that never happens, and each side counts it if it does).
     */
    static byte[] computed(IndicatorSeries series, KlineClosed kline) {
        IndicatorSeries.Update update = series.apply(kline, System.currentTimeMillis());
        return update.snapshot().map(EventCodec::encode).orElse(null);
    }
}
