package io.tradeflow.indicator.domain;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;

import java.util.Objects;

/** One indicator series: a symbol's klines of one interval. */
public record SeriesKey(Symbol symbol, Interval interval) {

    public SeriesKey {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
    }

    @Override
    public String toString() {
        return symbol.value() + ":" + interval.code();
    }
}
