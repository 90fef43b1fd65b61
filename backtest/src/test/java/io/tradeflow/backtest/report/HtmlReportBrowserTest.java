package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report page opened from disk in a real headless Chromium: its charts render, its tables show the measures. */
class HtmlReportBrowserTest {

    @TempDir
    Path dir;

    @BeforeEach
    void chromium() {
        Browser.assumeInstalled();
    }

    @Test
    void theCraftedRunsPageDrawsItsChartsAndShowsItsSummary() {
        BotRun run = CraftedRun.run();
        ReportFiles files = new ReportWriter().write(dir, run, CraftedRun.klines());
        try (Browser page = new Browser(files.html())) {
            page.awaitCharts();
            assertThat(page.element("errors").getText()).isEmpty();
            assertThat(page.errors()).isEmpty();
            assertThat(page.canvases("equity")).isPositive();
            assertThat(page.canvases("klines")).isPositive();
            // read back from the library's own series: 12 candles, 12 equity and drawdown points, 4 trades x 2 marks
            assertThat(page.count("klines", "candles")).isEqualTo("12");
            assertThat(page.count("klines", "markers")).isEqualTo("8");
            assertThat(page.count("equity", "points")).isEqualTo("12");
            assertThat(page.count("equity", "drawdown-points")).isEqualTo("12");
            assertThat(page.summary("netPnl")).isEqualTo("139.50 USDT");
            assertThat(page.summary("sharpe")).isEqualTo("11.03");
            assertThat(page.summary("maxDrawdownFraction")).isEqualTo("7.00 %");
            assertThat(page.summary("averageHoldingTime")).isEqualTo("9 h 30 min");
            assertThat(page.all("#trades tbody tr")).hasSize(4);
        }
    }

    @Test
    void aRunWithoutTradesOrPointsStillRenders() {
        BotRun run = SummaryEdgeCasesTest.run("1000.00", List.of(), List.of());
        ReportFiles files = new ReportWriter().write(dir, run, CraftedRun.klines());
        try (Browser page = new Browser(files.html())) {
            page.awaitCharts();
            assertThat(page.count("klines", "candles")).isEqualTo("12");
            assertThat(page.count("klines", "markers")).isEqualTo("0");
            assertThat(page.count("equity", "points")).isEqualTo("0");
            assertThat(page.summary("sharpe")).isEqualTo("n/a");
            assertThat(page.summary("winRate")).isEqualTo("n/a");
            assertThat(page.errors()).isEmpty();
        }
    }

    @Test
    void aMonthOfMinuteKlinesIsDrawnWhole() {
        GeneratedRun month = GeneratedRun.of(43_200);
        ReportFiles files = new ReportWriter().write(dir, month.run(), month.klines());
        try (Browser page = new Browser(files.html())) {
            page.awaitCharts();
            assertThat(page.count("klines", "candles")).isEqualTo("43200");
            assertThat(page.count("equity", "points")).isEqualTo("43200");
            assertThat(page.count("klines", "markers")).isEqualTo("20");
            assertThat(page.all("#notice")).isEmpty();
            assertThat(page.errors()).isEmpty();
        }
    }

    @Test
    void aboveTheLimitThePageSaysSoAndStillMarksEveryTrade() {
        // 2 500 klines, at most 1 000 drawn: 3 klines a candle, ceil(2500 / 3) = 834 candles; 10 trades, 20 marks
        GeneratedRun run = GeneratedRun.of(2_500);
        ReportFiles files = new ReportWriter(new HtmlReport(1_000)).write(dir, run.run(), run.klines());
        try (Browser page = new Browser(files.html())) {
            page.awaitCharts();
            assertThat(page.count("klines", "candles")).isEqualTo("834");
            assertThat(page.count("equity", "points")).isEqualTo("834");
            assertThat(page.count("klines", "markers")).isEqualTo("20");
            assertThat(page.element("notice").getText()).startsWith("This run has 2500 klines and 2500 equity points,"
                    + " more than the charts draw one for one (1000)");
            assertThat(page.errors()).isEmpty();
        }
    }
}
