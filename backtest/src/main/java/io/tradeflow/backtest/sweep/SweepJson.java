package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.backtest.report.Json;
import io.tradeflow.backtest.report.Summary;
import io.tradeflow.core.event.BotDefinition;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sweep.json}: the sweep's settings (strategy, pair, fixed parameters, grid, measure, split, venue and risk),
 * the combinations the strategy refused, the overfitting verdict, and every result as in {@code sweep.csv}. As
 * {@code summary.json}: decimals are strings in plain notation, counts numbers, times epoch ms, an empty measure
 * {@code null}; two-space indentation with {@code \n}. The thread count is left out: it changes nothing in the results.
 */
public final class SweepJson {
    record View(String strategy, String symbol, String interval, String marginAsset, Map<String, String> params,
                List<AxisView> grid, String rankBy, int top, int combinations, int run, List<SkippedView> skipped,
                KlinesView klines, SplitView outOfSample, VenueView venue, OverfittingView overfitting,
                List<ResultView> results) {
    }

    record AxisView(String parameter, String spec, List<String> values) {
    }

    record SkippedView(int combination, Map<String, String> params, String reason) {
    }

    /** The klines of the whole range: first open time, last close time + 1 ms, count. */
    record KlinesView(long from, long to, int count) {
    }

    /** {@code cut} and {@code onDayBoundary} are null without a split. */
    record SplitView(String fraction, Long cut, Boolean onDayBoundary, String share, int inSampleKlines,
                     int outOfSampleKlines) {
    }

    record VenueView(String feeBps, String slippageBps, String startingBalance, String marginPerTrade, int leverage,
                     String marginType, String dailyLossPercent, String maxDrawdownPercent) {
    }

    record OverfittingView(boolean warning, List<String> reasons) {
    }

    record ResultView(int rank, int combination, Map<String, String> params, Map<String, Object> inSample,
                      Map<String, Object> outOfSample, Integer outOfSampleRank) {
    }

    private SweepJson() {
    }

    /** The file's text. */
    public static String of(SweepResult result) {
        return Json.pretty(view(result));
    }

    static View view(SweepResult result) {
        Combinations c = result.plan().combinations();
        SampleSplit split = result.split();
        BotDefinition bot = result.best().inSample().bot();
        BacktestSettings settings = result.plan().settings();
        return new View(c.strategy(), bot.symbol().value(), bot.interval().code(), result.best().inSample().marginAsset(),
                c.fixed(), c.grid().axes().stream().map(a -> new AxisView(a.parameter(), a.spec(), a.values())).toList(),
                result.plan().rankBy().option(), result.plan().top(), c.total(), c.accepted().size(),
                c.refused().stream().map(r -> new SkippedView(r.combination().number(), r.combination().grid(),
                        r.reason())).toList(),
                new KlinesView(split.from(), split.to(), split.klines().size()),
                new SplitView(split.fraction().toPlainString(), split.enabled() ? split.cut() : null,
                        split.enabled() ? split.onDayBoundary() : null, split.outOfSampleShare().toPlainString(),
                        split.inSampleSize(), split.outOfSampleSize()),
                new VenueView(plain(settings.paper().takerFeeBps()), plain(settings.paper().slippageBps()),
                        plain(settings.paper().startingBalance(bot.market())), plain(bot.risk().marginPerTrade()),
                        bot.risk().leverage(), bot.risk().marginType().name(),
                        plain(settings.limits().dailyLossPercent()), plain(settings.limits().maxDrawdownPercent())),
                new OverfittingView(result.overfitting().warned(), result.overfitting().reasons()),
                result.ranked().stream().map(o -> new ResultView(o.rank(), o.combination().number(),
                        o.combination().grid(), measures(Optional.of(o.inSample())), measures(o.outOfSample()),
                        o.outOfSampleRank().isPresent() ? o.outOfSampleRank().getAsInt() : null)).toList());
    }

    /** Every measure by its field name; null without a run. */
    private static Map<String, Object> measures(Optional<Summary> summary) {
        if (summary.isEmpty()) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Measure measure : Measure.values()) {
            values.put(measure.field(), measure == Measure.TRADES ? (Object) summary.get().trades()
                    : measure.text(summary.get()));
        }
        return values;
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
