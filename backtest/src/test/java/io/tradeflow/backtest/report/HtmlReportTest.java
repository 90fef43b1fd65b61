package io.tradeflow.backtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.backtest.BotRun;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.position.TrackedPosition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tradeflow.backtest.report.CraftedRun.D1;
import static io.tradeflow.backtest.report.CraftedRun.HOUR;
import static io.tradeflow.backtest.report.CraftedRun.dec;
import static org.assertj.core.api.Assertions.assertThat;

/** The page's text; {@link HtmlReportBrowserTest} opens it in Chromium. */
class HtmlReportTest {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void thePageNeedsNothingFromOutside() {
        String page = page(CraftedRun.run());
        // no element loads anything: no src or href attribute on script, link, img or iframe
        assertThat(Pattern.compile("<(script|link|img|iframe)\\b[^>]*\\b(src|href)=").matcher(page).find()).isFalse();
        assertThat(page).contains("TradingView Lightweight Charts™ v5.2.1", "LightweightCharts");
        assertThat(page).startsWith("<!DOCTYPE html>");
    }

    @Test
    void theSummaryTableShowsEveryMeasure() {
        String page = page(CraftedRun.run());
        assertThat(page).contains(
                "<tr data-measure=\"netPnl\"><th>Net PnL (closed trades, after fees)</th><td class=\"num\">139.50 USDT",
                "data-measure=\"netReturn\"><th>Return: net PnL / starting balance</th><td class=\"num\">13.95 %",
                "data-measure=\"equityReturn\"><th>Return: end equity / starting balance - 1</th><td class=\"num\">"
                        + "14.95 %",
                "data-measure=\"winRate\"><th>Win rate</th><td class=\"num\">50.00 %",
                "data-measure=\"profitFactor\"><th>Profit factor</th><td class=\"num\">3.53636364<",
                "data-measure=\"expectancy\"><th>Expectancy (net PnL per trade)</th><td class=\"num\">34.87500000 USDT",
                "data-measure=\"maxDrawdown\"><th>Max drawdown (equity curve)</th><td class=\"num\">75.00 USDT",
                "data-measure=\"maxDrawdownFraction\"><th>Max drawdown, of its peak</th><td class=\"num\">7.00 %",
                "data-measure=\"sharpe\"><th>Sharpe (daily returns, x &radic;365)</th><td class=\"num\">11.03<",
                "data-measure=\"sortino\"><th>Sortino (daily returns, x &radic;365)</th><td class=\"num\">33.09<",
                "data-measure=\"exposure\"><th>Exposure (in the market)</th><td class=\"num\">58.33 %",
                "data-measure=\"trades\"><th>Trades (closed)</th><td class=\"num\">4<",
                "data-measure=\"averageHoldingTime\"><th>Average holding time</th><td class=\"num\">9 h 30 min<");
        // the bot's name is text, not markup
        assertThat(page).contains("Backtest: RSI &lt;reversion&gt;, &quot;BTC&quot;").doesNotContain("<reversion>");
    }

    @Test
    void whatCannotBeComputedShowsAsNotAvailable() {
        String page = page(SummaryEdgeCasesTest.run("1000.00", List.of(), List.of()));
        for (String measure : List.of("winRate", "profitFactor", "expectancy", "averageR", "sharpe", "sortino",
                "exposure", "averageHoldingTime")) {
            assertThat(page).containsPattern("data-measure=\"" + measure + "\"><th>[^<]*</th><td class=\"num\">n/a<");
        }
        // the library's own text has NaN in it: look at the rest of the page
        assertThat(page.substring(0, page.indexOf("/*!\n * @license"))).doesNotContain("NaN", "Infinity");
    }

    @Test
    void theDataCannotEndItsScriptElement() throws Exception {
        List<TrackedPosition> trades = new ArrayList<>(CraftedRun.trades("rsi-btc"));
        trades.add(CraftedRun.trade("rsi-btc", "</script><script>alert(1)</script><!--", Direction.LONG, "0.1",
                "40000", "40100", "10", "0", D1 + 70 * HOUR, D1 + 71 * HOUR, CloseReason.MANUAL, null));
        BotRun run = new BotRun(CraftedRun.bot("rsi-btc"), dec("1000.00"), "USDT", List.of(), trades,
                CraftedRun.equity(), D1, D1 + 72 * HOUR - 1);
        String page = page(run);
        // the page's own three script elements end; nothing else does
        assertThat(page.split("</script>", -1)).hasSize(4);
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<");
        JsonNode json = Json.MAPPER.readTree(data.group(1));
        assertThat(json.get("trades").get(4).get("positionId").asText())
                .isEqualTo("pos-paper-BTCUSDT-</script><script>alert(1)</script><!--");
        // and in the trades table it is text
        assertThat(page).contains("data-key=\"pos-paper-BTCUSDT-&lt;/script&gt;&lt;script&gt;");
    }

    @Test
    void theChartDataHoldsTheCandlesEquityAndTrades() throws Exception {
        String text = data(page(CraftedRun.run()));
        JsonNode json = Json.MAPPER.readTree(text);
        assertThat(json.get("candles")).hasSize(12);
        // first kline: opens 2024-01-01T00:00Z = 1704067200 s; 40000.00 / 40400.00 / 39700.00 / 40100.00, as written
        assertThat(text).contains("\"candles\":[[1704067200,40000.00,40400.00,39700.00,40100.00],");
        // first equity point: 05:59:59.999 -> 1704088799 s, 930.00, 70.00 below the 1000.00 start
        assertThat(text).contains("\"equity\":[[1704088799,930.00,70.00],");
        assertThat(json.get("equity")).hasSize(12);
        assertThat(json.get("trades")).hasSize(4);
        assertThat(json.get("candleStep").asInt()).isEqualTo(1);
        assertThat(json.get("pricePrecision").asInt()).isEqualTo(2);
    }

    @Test
    void aboveTheLimitTheCandlesAreThinnedButNotTheTrades() throws Exception {
        // 12 klines, at most 5 drawn: 3 klines a candle, 4 candles; the first holds klines 0..2:
        // open 40000.00 (kline 0), high 40800.00 (kline 2: 40400.00 + 400.00), low 39700.00 (kline 0),
        // close 40500.00 (kline 2: 40400.00 + 100.00)
        String page = new HtmlReport(5).of(CraftedRun.run(), Summary.of(CraftedRun.run()), CraftedRun.klines());
        String text = data(page);
        JsonNode json = Json.MAPPER.readTree(text);
        assertThat(json.get("candleStep").asInt()).isEqualTo(3);
        assertThat(json.get("candles")).hasSize(4);
        assertThat(text).contains("\"candles\":[[1704067200,40000.00,40800.00,39700.00,40500.00],");
        // equity: one point per 3 points: the third one's time and equity (01-01 17:59:59.999 = 1704131999 s,
        // 1100.00) and the deepest drawdown of the three (70.00, at 930.00)
        assertThat(json.get("equity")).hasSize(4);
        assertThat(text).contains("\"equity\":[[1704131999,1100.00,70.00],");
        assertThat(json.get("trades")).hasSize(4);
        assertThat(page).contains("<p id=\"notice\" class=\"notice\">This run has 12 klines and 12 equity points,"
                + " more than the charts draw one for one (5): each candle drawn stands for 3 consecutive klines");
    }

    @Test
    void aMonthOfMinuteKlinesIsDrawnOneForOne() {
        GeneratedRun month = GeneratedRun.of(43_200);
        ChartData data = ChartData.of(month.run(), month.klines(),
                Drawdown.of(month.run().startingBalance(), month.run().equity()), HtmlReport.MAX_POINTS);
        assertThat(data.candles()).hasSize(43_200);
        assertThat(data.equity()).hasSize(43_200);
        assertThat(data.downsampled()).isFalse();
        assertThat(new HtmlReport().of(month.run(), Summary.of(month.run()), month.klines()))
                .doesNotContain("id=\"notice\"");
    }

    static String page(BotRun run) {
        return new HtmlReport().of(run, Summary.of(run), CraftedRun.klines());
    }

    static String data(String page) {
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        return data.group(1);
    }
}
