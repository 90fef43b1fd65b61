package io.tradeflow.backtest.report;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.position.Statistics;

import java.util.Map;

/**
 * {@code summary.json}: every measure of {@link Summary} under the name the README's Report section defines it by.
 * As in the REST API: decimals are strings in plain notation ({@code "139.50"}), counts numbers, times epoch ms,
 * fractions fractions ({@code "0.5000"} is 50 %), a measure that cannot be computed {@code null}. Sharpe and Sortino
 * are strings with 4 places; the average holding time an ISO-8601 duration ({@code "PT9H30M"}).
 */
public final class SummaryJson {

    /** The file's fields, in their order. */
    record View(String botId, String name, String symbol, String interval, String strategy,
                Map<String, String> params, String marginAsset, long from, long to, String startingBalance,
                String endEquity, String netPnl, String netReturn, String equityReturn, long trades, long wins,
                long losses, String winRate, String grossProfit, String grossLoss, String fees, String profitFactor,
                String expectancy, String averageR, String maxDrawdown, String maxDrawdownFraction, int days,
                String sharpe, String sortino, String exposure, String averageHoldingTime) {
    }

    private SummaryJson() {
    }

    /** The file's text. */
    public static String of(Summary summary) {
        return Json.pretty(view(summary));
    }

    static View view(Summary s) {
        BotDefinition bot = s.bot();
        Statistics st = s.statistics();
        return new View(bot.botId(), bot.name(), bot.symbol().value(), bot.interval().code(), bot.strategy().type(),
                bot.strategy().params(), s.marginAsset(), s.from(), s.to(), Formats.plain(s.startingBalance()),
                Formats.plain(s.endEquity()), Formats.plain(s.netPnl()), Formats.plain(s.netReturn()),
                Formats.plain(s.equityReturn()), st.positions(), st.wins(), st.losses(),
                Formats.plain(s.winRate()), Formats.plain(st.grossProfit()), Formats.plain(st.grossLoss()),
                Formats.plain(st.fees()), Formats.plain(s.profitFactor()), Formats.plain(s.expectancy()),
                Formats.plain(s.averageR()), Formats.plain(s.maxDrawdown()), Formats.plain(s.maxDrawdownFraction()),
                s.days(), Formats.ratio(s.sharpe()), Formats.ratio(s.sortino()), Formats.plain(s.exposure()),
                Formats.iso(s.averageHoldingTime()));
    }
}
