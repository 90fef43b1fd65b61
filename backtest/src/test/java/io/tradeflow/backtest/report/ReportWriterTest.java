package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void oneBotsFourFilesGoIntoTheFolderGiven() throws IOException {
        BotRun run = CraftedRun.run();
        ReportFiles files = new ReportWriter().write(dir.resolve("out"), run, CraftedRun.klines());
        assertThat(files).isEqualTo(new ReportFiles(dir.resolve("out/trades.csv"), dir.resolve("out/summary.json"),
                dir.resolve("out/statistics.json"), dir.resolve("out/report.html")));
        assertThat(Files.readString(files.trades())).isEqualTo(TradesCsv.of(run));
        assertThat(Files.readString(files.summary())).isEqualTo(SummaryJson.of(Summary.of(run)));
        assertThat(Files.readString(files.statistics())).isEqualTo(StatisticsJson.of(run, Summary.of(run)));
        assertThat(Files.readString(files.html())).contains("139.50 USDT");
    }

    @Test
    void severalBotsGetAFolderEach() {
        List<ReportFiles> files = new ReportWriter().writeAll(dir,
                List.of(CraftedRun.run("rsi-btc"), CraftedRun.run("rsi/eth")), run -> CraftedRun.klines());
        assertThat(files).extracting(ReportFiles::html)
                .containsExactly(dir.resolve("rsi-btc/report.html"), dir.resolve("rsi_eth/report.html"));
        assertThat(files).allSatisfy(f -> assertThat(f.html()).exists());
    }

    @Test
    void aSingleBotOfSeveralWritesStraightIntoTheFolder() {
        List<ReportFiles> files = new ReportWriter().writeAll(dir, List.of(CraftedRun.run()),
                run -> CraftedRun.klines());
        assertThat(files.getFirst().summary()).isEqualTo(dir.resolve("summary.json"));
    }

    @Test
    void twoBotsThatWouldShareAFolderAreRefusedBeforeAnythingIsWritten() throws IOException {
        assertThatThrownBy(() -> new ReportWriter().writeAll(dir,
                List.of(CraftedRun.run("a/b"), CraftedRun.run("a:b")), run -> CraftedRun.klines()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a_b");
        try (var written = Files.list(dir)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void folderNamesKeepOnlySafeCharacters() {
        assertThat(ReportWriter.folder("btc-ema_cross.v2")).isEqualTo("btc-ema_cross.v2");
        assertThat(ReportWriter.folder("../x y")).isEqualTo(".._x_y");
        assertThat(ReportWriter.folder("..")).isEqualTo("__");
    }
}
