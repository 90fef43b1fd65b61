package io.tradeflow.core.indicator;

import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.event.KlineClosed;

import java.math.BigDecimal;

/**
 * A kline's open, high, low, close and volume as doubles: what indicators compute with ({@link Indicator#update}),
 * each the nearest double to the decimal ({@link java.math.BigDecimal#doubleValue()}). Klines held in memory and
 * replayed many times (the runs of a backtest sweep) convert them once, not once per run.
 */
public record KlinePrices(double open, double high, double low, double close, double volume) {

    public static KlinePrices of(KlineClosed kline) {
        return of(kline.open(), kline.high(), kline.low(), kline.close(), kline.volume());
    }

    public static KlinePrices of(Kline kline) {
        return of(kline.open(), kline.high(), kline.low(), kline.close(), kline.volume());
    }

    private static KlinePrices of(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
        return new KlinePrices(open.doubleValue(), high.doubleValue(), low.doubleValue(), close.doubleValue(),
                volume.doubleValue());
    }

    /** Folds these prices into each of {@code indicators}, in order. */
    void foldInto(Indicator[] indicators) {
        for (Indicator indicator : indicators) {
            indicator.update(open, high, low, close, volume);
        }
    }
}
