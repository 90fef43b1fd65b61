package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.EquityPoint;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static io.tradeflow.backtest.report.CraftedRun.BTCUSDT;
import static io.tradeflow.backtest.report.CraftedRun.D1;
import static io.tradeflow.backtest.report.CraftedRun.dec;

/**
 * A long run made up for the page's size limits: {@code count} 1-minute klines from 2024-01-01 along a smooth wave,
 * one equity point per kline, and a one-hour trade every {@code count / 10} klines (10 trades, alternately long and
 * short).
 */
record GeneratedRun(BotRun run, List<Kline> klines) {

    static final long MINUTE = 60_000L;

    static GeneratedRun of(int count) {
        List<Kline> klines = new ArrayList<>(count);
        List<EquityPoint> equity = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigDecimal open = price(i);
            BigDecimal close = price(i + 1);
            long openTime = D1 + i * MINUTE;
            klines.add(new Kline(BTCUSDT, Interval.ONE_MINUTE, openTime, openTime + MINUTE - 1, open,
                    open.max(close).add(dec("5.00")), open.min(close).subtract(dec("5.00")), close, dec("1.000"),
                    dec("40000.00"), 10));
            equity.add(new EquityPoint(openTime + MINUTE - 1, dec("1000.00").add(close.subtract(dec("40000.00"))
                    .movePointLeft(2)).setScale(2, RoundingMode.HALF_EVEN), i % 7 < 3));
        }
        List<TrackedPosition> trades = new ArrayList<>();
        int spacing = count / 10;
        for (int n = 0; n < 10; n++) {
            int at = n * spacing + spacing / 2;
            int until = Math.min(at + 60, count - 1);
            Direction direction = n % 2 == 0 ? Direction.LONG : Direction.SHORT;
            BigDecimal entry = price(at);
            BigDecimal exit = price(until);
            BigDecimal gross = (direction == Direction.LONG ? exit.subtract(entry) : entry.subtract(exit))
                    .multiply(dec("0.010"));
            trades.add(CraftedRun.trade("wave", "W" + n, direction, "0.010", entry.toPlainString(),
                    exit.toPlainString(), gross.toPlainString(), "0.40", D1 + at * MINUTE + 1_000,
                    D1 + until * MINUTE + 2_000, CloseReason.SIGNAL_EXIT, null));
        }
        BotRun run = new BotRun(CraftedRun.bot("wave", Interval.ONE_MINUTE), dec("1000.00"), "USDT", List.of(),
                trades, equity, D1, D1 + count * MINUTE - 1);
        return new GeneratedRun(run, klines);
    }

    /** 40000 +- 800 along a sine wave of about 3 days, 2 places. */
    private static BigDecimal price(int i) {
        return BigDecimal.valueOf(40_000 + 800 * Math.sin(i / 700.0)).setScale(2, RoundingMode.HALF_EVEN);
    }
}
