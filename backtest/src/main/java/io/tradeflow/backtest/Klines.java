package io.tradeflow.backtest;

import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.KlinePrices;

/**
 * Klines in market time (by open time, then symbol, then interval, as market-data-service's replay publishes several
 * files), for backtests. Each {@link #open()} starts a pass of its own from the first kline.
 */
public interface Klines {

    /** A new pass over every kline, from the first. */
    Pass open();

    /** One pass: read it with {@link #next()} until null, then close it. Used by one thread. */
    interface Pass extends AutoCloseable {

        /** The next kline in market time, or null after the last. */
        KlineClosed next();

        /**
         * The prices of {@code kline}, the kline {@link #next()} returned last, as the indicators compute with them:
         * a pass over klines held in memory gives those converted once for all passes, others convert them now.
         */
        default KlinePrices prices(KlineClosed kline) {
            return KlinePrices.of(kline);
        }

        /** Share of the source read so far, 0 to 1: what progress reports show. */
        double fractionRead();

        @Override
        void close();
    }
}
