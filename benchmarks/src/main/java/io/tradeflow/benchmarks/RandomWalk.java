package io.tradeflow.benchmarks;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import java.math.BigDecimal;
import java.util.Random;

/**
 * Reproducible BTC-like klines (0.1 price tick, prices near 35 000) generated in memory, so benchmarks read no
 * files: what an indicator costs does not depend on which prices it sees, only that they move like prices.
 */
public final class RandomWalk {

    public final double[] open;
    public final double[] high;
    public final double[] low;
    public final double[] close;
    public final double[] volume;

    public RandomWalk(int size, long seed) {
        Random random = new Random(seed);
        open = new double[size];
        high = new double[size];
        low = new double[size];
        close = new double[size];
        volume = new double[size];
        double price = 35_000;
        for (int i = 0; i < size; i++) {
            open[i] = tick(price);
            price = Math.max(1_000, price + random.nextGaussian() * 20);
            close[i] = tick(price);
            high[i] = tick(Math.max(open[i], close[i]) + Math.abs(random.nextGaussian()) * 10);
            low[i] = tick(Math.min(open[i], close[i]) - Math.abs(random.nextGaussian()) * 10);
            volume[i] = Math.rint(Math.abs(random.nextGaussian()) * 100_000) / 1000;
        }
    }

    /** The walk as closed one-minute klines of {@code symbol}, opening one minute apart from {@code firstOpenTime}. */
    public KlineClosed[] klines(Symbol symbol, long firstOpenTime) {
        KlineClosed[] klines = new KlineClosed[close.length];
        for (int i = 0; i < klines.length; i++) {
            long openTime = firstOpenTime + i * 60_000L;
            Kline kline = new Kline(symbol, Interval.ONE_MINUTE, openTime, openTime + 59_999,
                    decimal(open[i]), decimal(high[i]), decimal(low[i]), decimal(close[i]), decimal(volume[i]),
                    decimal(volume[i] * close[i]), 100);
            klines[i] = KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, openTime + 60_000, openTime + 60_001);
        }
        return klines;
    }

    private static double tick(double price) {
        return Math.rint(price * 10) / 10;
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value);
    }
}
