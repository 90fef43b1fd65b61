package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Summary;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.position.Statistics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Crafted klines, bots and summaries for the sweep's tests. */
final class SweepFixtures {
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    /** 2024-01-01T00:00:00Z. */
    static final long JAN_1 = 1_704_067_200_000L;
    static final Symbol BTCUSDT = Symbol.of("BTCUSDT");
    static final RiskSpec RISK = new RiskSpec(new BigDecimal("100"), 10, MarginType.ISOLATED, 1);

    private SweepFixtures() {
    }

    /** {@code count} consecutive klines of {@code interval} from {@code firstOpen}, all at price 100. */
    static List<KlineClosed> klines(Interval interval, long firstOpen, int count) {
        long length = interval.duration().toMillis();
        List<KlineClosed> klines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long open = firstOpen + i * length;
            Kline kline = new Kline(BTCUSDT, interval, open, open + length - 1, BigDecimal.valueOf(100),
                    BigDecimal.valueOf(101), BigDecimal.valueOf(99), BigDecimal.valueOf(100), BigDecimal.ONE,
                    BigDecimal.valueOf(100), 1);
            klines.add(KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, kline.closeTime(), kline.closeTime()));
        }
        return klines;
    }

    /** A running paper bot of {@code strategy} on BTCUSDT 1m, as bin/backtest builds one. */
    static BotDefinition bot(String strategy, Map<String, String> params) {
        return new BotDefinition(strategy + "-btcusdt-1m", strategy, Market.USD_M, BTCUSDT, Interval.ONE_MINUTE,
                new StrategySpec(strategy, params), RISK, Venue.PAPER, BotStatus.RUNNING, false, 1, 1);
    }

    /**
     * A summary with these measures; the rest as a run that made one trade of {@code netPnl}.
     *
     * @param sharpe              null for none
     * @param maxDrawdownFraction null for none
     */
    static Summary summary(String netPnl, Double sharpe, String maxDrawdownFraction) {
        BigDecimal net = new BigDecimal(netPnl);
        BigDecimal start = new BigDecimal("10000");
        return new Summary(bot("sma-crossover", Map.of()), "USDT", JAN_1, JAN_1 + DAY - 1, start, start.add(net),
                Statistics.NONE.add(net, BigDecimal.ZERO, null), Optional.empty(), Optional.empty(), BigDecimal.ZERO,
                Optional.ofNullable(maxDrawdownFraction).map(BigDecimal::new), 1,
                sharpe == null ? OptionalDouble.empty() : OptionalDouble.of(sharpe), OptionalDouble.empty(),
                Optional.empty(), Optional.empty());
    }
}
