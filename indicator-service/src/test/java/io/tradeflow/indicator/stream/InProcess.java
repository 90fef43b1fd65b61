package io.tradeflow.indicator.stream;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What the service must publish, computed here with the same trading-core code, and how snapshots are compared. */
final class InProcess {
    static final Set<String> DEFAULTS = Set.of("sma(21)", "sma(200)", "rsi(14)");

    private InProcess() {
    }

    static IndicatorSeries series(Symbol symbol, Collection<String> names) {
        IndicatorSeries series = new IndicatorSeries(symbol, Interval.ONE_MINUTE);
        series.require(names);
        return series;
    }

    static List<IndicatorsComputed> apply(IndicatorSeries series, List<KlineClosed> klines) {
        return klines.stream().map(kline -> series.apply(kline, 1).snapshot().orElseThrow()).toList();
    }

    /** The JSON of a snapshot with {@code producedAt} fixed: equal text means equal snapshots, value scales included. */
    static String comparable(IndicatorsComputed s) {
        return EventCodec.encodeToString(new IndicatorsComputed(s.symbol(), s.interval(), s.openTime(), s.closeTime(), s.open(),
                s.high(), s.low(), s.close(), s.volume(), s.values(), s.stable(), s.eventTime(), 1));
    }

    static List<String> comparable(List<IndicatorsComputed> snapshots) {
        return snapshots.stream().map(InProcess::comparable).toList();
    }
}
