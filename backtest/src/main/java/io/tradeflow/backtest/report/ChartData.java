package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.EquityPoint;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the page's charts draw, as the JSON embedded in it: compact rows ({@code [time, open, high, low, close]}),
 * times in epoch seconds as the chart library takes them (UTC), prices as JSON numbers in plain notation.
 *
 * <p>Above {@code maxPoints} klines (or equity points) the chart gets one candle per {@code step} consecutive klines
 * (open of the first, highest high, lowest low, close of the last; time of the first), and one equity point per
 * {@code step} points (the last equity, the deepest drawdown, so the worst drop stays visible). The trades are never
 * thinned: each is marked on the candle that holds its time.
 *
 * @param klines         klines given
 * @param candleStep     klines per candle drawn: 1 unless downsampled
 * @param equityPoints   equity points of the run
 * @param equityStep     equity points per point drawn: 1 unless downsampled
 * @param pricePrecision decimal places of the prices drawn: the largest scale of the klines' prices, 2 to 8
 * @param candles        {@code [openTime s, open, high, low, close]}, in time order
 * @param equity         {@code [time s, equity, drawdown]}: drawdown below the peak, {@code >= 0}, in time order,
 *                       one per second (the last of a second wins)
 * @param trades         the closed trades, in the order they closed
 */
record ChartData(String marginAsset, int klines, int candleStep, int equityPoints, int equityStep, int pricePrecision,
                 List<Object[]> candles, List<Object[]> equity, List<Trade> trades) {

    /** A trade as the price chart marks it: times in epoch ms, {@code n} its number in the trades table. */
    record Trade(int n, String positionId, String direction, long openedAt, long closedAt, BigDecimal entryPrice,
                 BigDecimal exitPrice, BigDecimal netPnl, String closeReason) {
    }

    static ChartData of(BotRun run, List<Kline> klines, Drawdown drawdown, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints " + maxPoints + " is not 1 or more");
        }
        int candleStep = step(klines.size(), maxPoints);
        List<Object[]> candles = new ArrayList<>();
        int precision = 2;
        long previous = Long.MIN_VALUE;
        for (int from = 0; from < klines.size(); from += candleStep) {
            List<Kline> bucket = klines.subList(from, Math.min(from + candleStep, klines.size()));
            Kline first = bucket.getFirst();
            BigDecimal high = first.high();
            BigDecimal low = first.low();
            for (Kline k : bucket) {
                if (k.openTime() <= previous) {
                    throw new IllegalArgumentException("kline opening at " + k.openTime() + " comes after one opening"
                            + " at " + previous + "; give the klines once each, in open-time order");
                }
                previous = k.openTime();
                high = high.max(k.high());
                low = low.min(k.low());
                precision = Math.max(precision, Math.max(Math.max(k.open().scale(), k.high().scale()),
                        Math.max(k.low().scale(), k.close().scale())));
            }
            candles.add(new Object[]{first.openTime() / 1000, first.open(), high, low, bucket.getLast().close()});
        }

        List<EquityPoint> points = run.equity();
        int equityStep = step(points.size(), maxPoints);
        List<Object[]> equity = new ArrayList<>();
        for (int from = 0; from < points.size(); from += equityStep) {
            int to = Math.min(from + equityStep, points.size());
            BigDecimal deepest = BigDecimal.ZERO;
            for (BigDecimal d : drawdown.curve().subList(from, to)) {
                deepest = deepest.max(d);
            }
            EquityPoint last = points.get(to - 1);
            Object[] row = {Math.floorDiv(last.time(), 1000), last.equity(), deepest};
            // The chart takes one point per second, in increasing time: the later one of a second wins.
            if (!equity.isEmpty() && equity.getLast()[0].equals(row[0])) {
                equity.set(equity.size() - 1, row);
            } else {
                equity.add(row);
            }
        }

        List<Trade> trades = new ArrayList<>();
        for (TrackedPosition t : run.trades()) {
            trades.add(new Trade(trades.size() + 1, t.positionId(), t.position().direction().name(),
                    t.position().openedAt(), t.position().closedAt(), t.position().entryPrice(),
                    t.position().exitPrice(), t.netRealizedPnl(), t.closeReason().name()));
        }
        return new ChartData(run.marginAsset(), klines.size(), candleStep, points.size(), equityStep,
                Math.min(precision, 8), candles, equity, trades);
    }

    boolean downsampled() {
        return candleStep > 1 || equityStep > 1;
    }

    /** How many in a bucket so that at most {@code max} buckets hold {@code size}. */
    private static int step(int size, int max) {
        return size <= max ? 1 : Math.ceilDiv(size, max);
    }
}
