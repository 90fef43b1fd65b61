package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code statistics.json}: the bot's statistics as gateway-api serves them ({@code GET /api/v1/bots/{botId}/statistics}
 * and {@code GET /api/v1/statistics}, from position-service's {@code Views.StatisticsView}): a list with one entry per
 * margin asset, here the run's one; the same field names, in the same order, with the same formats (decimals as
 * plain strings, win rate a fraction with 4 places, absent values null), so the dashboard can show a backtest.
 *
 * <p>The figures are trading-core's {@link Statistics} over the closed trades, as position-service computes them:
 * {@code maxDrawdown} and {@code drawdown} are on the closed trades' cumulative net PnL (not on the equity curve as
 * in {@code summary.json}). {@code todayNetPnl}, on the dashboard the PnL closed since 00:00 UTC, is here that of the
 * run's last UTC day (the day of its last kline's close), market time.
 */
public final class StatisticsJson {

    private static final long DAY_MS = 86_400_000L;

    /** position-service's {@code Views.StatisticsView}, field for field. */
    record View(String botId, String marginAsset, long positions, long wins, long losses, String winRate,
                String netPnl, String todayNetPnl, String grossProfit, String grossLoss, String fees,
                String maxDrawdown, String drawdown, String profitFactor, String expectancy, String averageR) {
    }

    private StatisticsJson() {
    }

    /** The file's text: a JSON array of one entry. */
    public static String of(BotRun run, Summary summary) {
        return Json.pretty(List.of(view(run, summary)));
    }

    static View view(BotRun run, Summary summary) {
        Statistics s = summary.statistics();
        long lastDay = Math.floorDiv(run.lastCloseTime(), DAY_MS);
        BigDecimal today = BigDecimal.ZERO;
        for (TrackedPosition trade : run.trades()) {
            if (Math.floorDiv(trade.position().closedAt(), DAY_MS) == lastDay) {
                today = today.add(trade.netRealizedPnl());
            }
        }
        return new View(run.bot().botId(), summary.marginAsset(), s.positions(), s.wins(), s.losses(),
                Formats.plain(s.winRate()), Formats.plain(s.netPnl()), Formats.plain(today),
                Formats.plain(s.grossProfit()), Formats.plain(s.grossLoss()), Formats.plain(s.fees()),
                Formats.plain(s.maxDrawdown()), Formats.plain(s.drawdown()), Formats.plain(s.profitFactor()),
                Formats.plain(s.expectancy()), Formats.plain(s.averageR()));
    }
}
