package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.position.Position;
import io.tradeflow.core.position.TrackedPosition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code report.html}: one self-contained page that works offline, opened from disk. It holds the summary table, the
 * equity curve with its drawdown below it, the klines as candles with each trade's entry and exit marked at their
 * prices, and the trades table. The chart library (TradingView Lightweight Charts, Apache-2.0, see
 * {@code SOURCES.md} next to it), the page's script and style are inlined; the chart data is JSON in a
 * {@code <script type="application/json">}, every {@code <} in it written as the JSON escape of U+003C, so that no
 * value ({@code </script>}, {@code <!--}) can end the script element.
 *
 * <p>Big runs stay usable: a month of 1-minute klines (43 200) is drawn as it is; above {@link #MAX_POINTS} klines or
 * equity points the page says so and draws fewer ({@link ChartData}); the summary and the trades always cover
 * everything.
 */
public final class HtmlReport {

    /** Klines (and equity points) drawn one for one; above, the chart thins them. */
    public static final int MAX_POINTS = 200_000;

    private final int maxPoints;

    /** A page drawing at most {@link #MAX_POINTS} candles. */
    public HtmlReport() {
        this(MAX_POINTS);
    }

    /** A page drawing at most {@code maxPoints} candles and equity points (tests use a small one). */
    HtmlReport(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /**
     * The page's text.
     *
     * @param klines the klines of the bot's series, in open-time order (from {@code KlineClosed}s:
     *               {@code events.stream().map(KlineClosed::kline).toList()})
     */
    public String of(BotRun run, Summary summary, List<Kline> klines) {
        ChartData data = ChartData.of(run, klines, Drawdown.of(run.startingBalance(), run.equity()), maxPoints);
        BotDefinition bot = run.bot();
        String title = "Backtest " + bot.botId() + " " + bot.symbol().value() + " " + bot.interval().code();
        StringBuilder page = new StringBuilder(1 << 20);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(Assets.CSS).append("</style>\n</head>\n<body>\n");
        header(page, run, summary, data);
        page.append("<p id=\"errors\" class=\"errors\" hidden></p>\n");
        summaryTable(page, summary);
        page.append("<section>\n<h2>Equity and drawdown</h2>\n")
                .append("<div id=\"equity\" class=\"chart\" role=\"img\" aria-label=\"equity curve and drawdown, ")
                .append(escape(run.marginAsset())).append("\"></div>\n</section>\n")
                .append("<section>\n<h2>Klines and trades</h2>\n<p class=\"legend\">Arrows at the entry and exit"
                        + " prices: <b>#n L</b>/<b>#n S</b> opens trade n long/short, <b>#n</b> and its close"
                        + " reason ends it (green a net win, red a net loss, grey even).</p>\n")
                .append("<div id=\"klines\" class=\"chart tall\" role=\"img\" aria-label=\"klines with the trades\">")
                .append("</div>\n</section>\n");
        tradesTable(page, run);
        page.append("<footer>Charts: TradingView Lightweight Charts 5.2.1, Apache License 2.0, included in this page."
                        + " Definitions of the measures: backtest/README.md, section Report.</footer>\n")
                .append("<script type=\"application/json\" id=\"report-data\">")
                .append(Json.compact(data).replace("<", "\\u003c")).append("</script>\n")
                .append("<script>\n").append(Assets.LIBRARY).append("\n</script>\n")
                .append("<script>\n").append(Assets.SCRIPT).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    private void header(StringBuilder page, BotRun run, Summary summary, ChartData data) {
        BotDefinition bot = run.bot();
        String params = bot.strategy().params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        page.append("<header>\n<h1>Backtest: ").append(escape(bot.name())).append(" <small>(")
                .append(escape(bot.botId())).append(")</small></h1>\n<p>")
                .append(escape(bot.symbol().value())).append(' ').append(escape(bot.interval().code()))
                .append(", strategy ").append(escape(bot.strategy().type()))
                .append(params.isEmpty() ? "" : " (" + escape(params) + ")")
                .append(", from ").append(Formats.pageUtc(summary.from())).append(" to ")
                .append(Formats.pageUtc(summary.to())).append(" UTC, ").append(data.klines()).append(" klines, ")
                .append(run.trades().size()).append(" trades.</p>\n</header>\n");
        if (data.downsampled()) {
            page.append("<p id=\"notice\" class=\"notice\">").append(escape(("This run has %d klines and %d equity"
                    + " points, more than the charts draw one for one (%d): each candle drawn stands for %d"
                    + " consecutive klines, each equity point drawn for %d points (with the deepest drawdown among"
                    + " them). Every trade is marked; the summary and the trades table use every kline.")
                    .formatted(data.klines(), data.equityPoints(), maxPoints, data.candleStep(), data.equityStep())))
                    .append("</p>\n");
        }
    }

    private static void summaryTable(StringBuilder page, Summary s) {
        String asset = " " + s.marginAsset();
        page.append("<section>\n<h2>Summary</h2>\n<table id=\"summary\">\n<tbody>\n");
        row(page, "netPnl", "Net PnL (closed trades, after fees)", s.netPnl().toPlainString() + asset);
        row(page, "netReturn", "Return: net PnL / starting balance", Formats.percent(s.netReturn()));
        row(page, "equityReturn", "Return: end equity / starting balance - 1", Formats.percent(s.equityReturn()));
        row(page, "startingBalance", "Starting balance", s.startingBalance().toPlainString() + asset);
        row(page, "endEquity", "End equity (open position marked)", s.endEquity().toPlainString() + asset);
        row(page, "trades", "Trades (closed)", Long.toString(s.trades()));
        row(page, "winsLosses", "Wins / losses", s.statistics().wins() + " / " + s.statistics().losses());
        row(page, "winRate", "Win rate", Formats.percent(s.winRate()));
        row(page, "profitFactor", "Profit factor", orNa(s.profitFactor(), ""));
        row(page, "expectancy", "Expectancy (net PnL per trade)", orNa(s.expectancy(), asset));
        row(page, "averageR", "Average R multiple", orNa(s.averageR(), ""));
        row(page, "fees", "Fees", s.statistics().fees().toPlainString() + asset);
        row(page, "maxDrawdown", "Max drawdown (equity curve)", s.maxDrawdown().toPlainString() + asset);
        row(page, "maxDrawdownFraction", "Max drawdown, of its peak", Formats.percent(s.maxDrawdownFraction()));
        row(page, "sharpe", "Sharpe (daily returns, x &radic;365)", Formats.pageRatio(s.sharpe()), true);
        row(page, "sortino", "Sortino (daily returns, x &radic;365)", Formats.pageRatio(s.sortino()), true);
        row(page, "days", "Days (UTC)", Integer.toString(s.days()));
        row(page, "exposure", "Exposure (in the market)", Formats.percent(s.exposure()));
        row(page, "averageHoldingTime", "Average holding time",
                s.averageHoldingTime().map(Formats::human).orElse(Formats.NOT_AVAILABLE));
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static void tradesTable(StringBuilder page, BotRun run) {
        page.append("<section>\n<h2>Trades</h2>\n<table id=\"trades\">\n<thead><tr><th>#</th><th>direction</th>"
                + "<th>opened (UTC)</th><th>closed (UTC)</th><th>entry</th><th>exit</th><th>quantity</th>"
                + "<th>net PnL</th><th>R</th><th>close reason</th><th>held</th></tr></thead>\n<tbody>\n");
        int n = 0;
        for (TrackedPosition trade : run.trades()) {
            Position p = trade.position();
            BigDecimal net = trade.netRealizedPnl();
            page.append("<tr data-key=\"").append(escape(trade.positionId())).append("\"><td>").append(++n)
                    .append("</td><td>").append(p.direction()).append("</td><td>").append(Formats.pageUtc(p.openedAt()))
                    .append("</td><td>").append(Formats.pageUtc(p.closedAt())).append("</td><td class=\"num\">")
                    .append(p.entryPrice().toPlainString()).append("</td><td class=\"num\">")
                    .append(p.exitPrice().toPlainString()).append("</td><td class=\"num\">")
                    .append(p.closedQuantity().toPlainString()).append("</td><td class=\"num ")
                    .append(net.signum() > 0 ? "win" : net.signum() < 0 ? "loss" : "even").append("\">")
                    .append(net.toPlainString()).append("</td><td class=\"num\">")
                    .append(trade.rMultiple().map(BigDecimal::toPlainString).orElse(Formats.NOT_AVAILABLE))
                    .append("</td><td>").append(trade.closeReason()).append("</td><td>")
                    .append(Formats.human(Summary.holdingTime(trade))).append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n</section>\n");
    }

    private static void row(StringBuilder page, String key, String label, String value) {
        row(page, key, label, value, false);
    }

    /** A summary row; {@code label} is HTML when {@code labelIsHtml}, the value is always escaped. */
    private static void row(StringBuilder page, String key, String label, String value, boolean labelIsHtml) {
        page.append("<tr data-measure=\"").append(key).append("\"><th>").append(labelIsHtml ? label : escape(label))
                .append("</th><td class=\"num\">").append(escape(value)).append("</td></tr>\n");
    }

    private static String orNa(Optional<BigDecimal> value, String unit) {
        return value.map(v -> v.toPlainString() + unit).orElse(Formats.NOT_AVAILABLE);
    }

    /** Text as HTML: {@code & < > " '} as entities. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The inlined files, read once. */
    private static final class Assets {
        static final String LIBRARY = resource("lightweight-charts-5.2.1.standalone.production.js");
        static final String SCRIPT = resource("report.js");
        static final String CSS = resource("report.css");
    }

    /** A file next to this class (the library, the page's script and style), checked to be safe to inline. */
    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the backtest jar (expected in"
                        + " src/main/resources/io/tradeflow/backtest/report/)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Inlined in a <script> or <style>: a closing tag inside would end it early.
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")) {
                throw new IllegalStateException("resource " + name + " holds </script, </style or <!--; it cannot be"
                        + " inlined into the page as it is");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource " + name, e);
        }
    }
}
