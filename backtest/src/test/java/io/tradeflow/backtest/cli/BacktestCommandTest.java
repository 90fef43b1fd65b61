package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.backtest.exchange.ExchangeInfoFile;
import io.tradeflow.backtest.input.BotsFile;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.testing.RecordedDay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/backtest} run in-process on temporary files: what it writes, says and exits with. */
class BacktestCommandTest {
    private static final String SMA = "--strategy=sma-crossover";

    @TempDir
    Path dir;
    private Path data;
    private Path day;
    private Path out;
    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeEach
    void recordedFiles() {
        data = dir.resolve("data");
        day = RecordedDay.writeTo(data.resolve("BTCUSDT-1m-2023-11-15.csv"));
        // The same day as ETHUSDT's, for a second pair.
        RecordedDay.writeTo(data.resolve("ETHUSDT-1m-2023-11-15.csv"));
        out = dir.resolve("report");
    }

    @Test
    void theIssuesExampleRunsOneBotPerSymbolAndWritesEachOnesReport() throws IOException {
        int exit = run(SMA, "--param", "fast=5", "--param", "slow=20", "--data", data.toString(),
                "--symbols", "BTCUSDT,ETHUSDT", "--interval", "1m", "--from", "2023-11-15", "--to", "2023-11-21",
                "--symbol-rules", rulesFile("BTCUSDT", "ETHUSDT").toString(), "--out", out.toString(), "--quiet");

        assertThat(exit).as("exit code; stderr: %s", stderr).isZero();
        for (String bot : List.of("sma-crossover-btcusdt-1m", "sma-crossover-ethusdt-1m")) {
            for (String file : List.of("report.html", "trades.csv", "summary.json", "statistics.json")) {
                assertThat(out.resolve(bot).resolve(file)).as("%s of %s", file, bot).isNotEmptyFile();
            }
            assertThat(stdout.toString()).contains(bot + ": sma-crossover on ");
        }
        assertThat(stderr.toString()).isEmpty();
    }

    @Test
    void theDemoBotsFileOverTheRecordedDayReportsWhatTheEngineDoes() throws IOException {
        Path bots = Files.writeString(dir.resolve("bots.yaml"), io.tradeflow.backtest.input.BotsFileTestAccess.DEMO);

        int exit = run("--bots", bots.toString(), "--klines", day.toString(), "--out", out.toString());

        assertThat(exit).as("exit code; stderr: %s", stderr).isZero();
        BotRun expected = new Backtest(List.of(BotsFile.read(bots, BotChoice.DEFINITION_TIME).getFirst().bot()),
                BacktestSettings.of(PaperSettings.DEFAULTS, ExchangeInfoFile.builtIn().rules()))
                .run(LoadedKlines.of(RecordedDay.closed(Symbol.of("BTCUSDT")))).getFirst();
        assertThat(expected.trades()).hasSizeGreaterThan(3);
        assertThat(stdout.toString()).startsWith("demo-btc-sma: sma-crossover on BTCUSDT 1m, 2023-11-15T00:00:00Z to "
                        + "2023-11-16T00:00:00Z\n  " + expected.trades().size() + " trades, net PnL ")
                .contains("report: " + out.resolve("report.html"));
        assertThat(out.resolve("trades.csv")).isNotEmptyFile();
        assertThat(Files.readAllLines(out.resolve("trades.csv"))).hasSizeGreaterThan(expected.trades().size());
        assertThat(stderr.toString()).as("progress, then the count").endsWith("backtest: "
                + RecordedDay.SIZE + " klines in " + stderr.toString().replaceAll("(?s).* klines in ", ""));
    }

    @Test
    void entriesTheSymbolRulesRefuseAreCountedByReasonNotJustZeroTrades() {
        // 5 USDT at the default leverage 10 is 50 USDT of notional, below BTCUSDT's MIN_NOTIONAL of 100.
        int exit = run(SMA, "--param", "fast=5", "--param", "slow=20", "--margin-per-trade", "5",
                "--klines", day.toString(), "--out", out.toString(), "--quiet");

        assertThat(exit).as("exit code; stderr: %s", stderr).isZero();
        assertThat(stdout.toString()).contains("  0 trades, net PnL 0 USDT")
                .containsPattern("  orders refused by the pre-trade checks: [1-9][0-9]* notional-below-min\n");
    }

    @Test
    void anUnknownStrategyIsAUsageErrorListingTheKnownOnesBeforeAnyFileIsRead() {
        Path missing = data.resolve("BTCUSDT-1m-2023-11-16.csv");

        assertThat(run("--strategy", "macd", "--klines", missing.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).isEqualTo("backtest: --strategy macd: unknown strategy 'macd'; known: "
                + "sma-crossover, rsi-reversion\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownParameterIsAUsageErrorListingTheStrategysParameters() {
        assertThat(run(SMA, "--param", "fats=5", "--klines", day.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("backtest: --param: unknown parameter 'fats' for strategy "
                        + "sma-crossover; known: fast, slow, ")
                .contains("\nParameters of sma-crossover (--param NAME=VALUE; docs/strategies.md has the rules):\n"
                        + "  fast                       integer 2 to 1000, default 21: fast SMA period, below slow\n");
    }

    @Test
    void aParameterOutOfItsRangeIsAUsageErrorSayingTheRange() {
        assertThat(run(SMA, "--param", "fast=1", "--klines", day.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("backtest: --param: parameter 'fast' must be from 2 to 1000, not '1'\n"
                + "Parameters of sma-crossover");
    }

    @Test
    void anUnknownParameterInABotsFileIsAUsageErrorNamingTheBotAndListingTheParameters() throws IOException {
        Path bots = Files.writeString(dir.resolve("bots.yaml"),
                io.tradeflow.backtest.input.BotsFileTestAccess.DEMO.replace("slow: 20", "slwo: 20"));

        assertThat(run("--bots", bots.toString(), "--klines", day.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("backtest: The bots file " + bots + " — bot 'demo-btc-sma', field "
                + "'strategy.params.slwo': unknown parameter 'slwo'").contains("\nParameters of sma-crossover");
    }

    @Test
    void aMalformedRowFailsTheRunNamingTheFileAndLine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(day));
        lines.set(700, "1700048340000,36411.0,36411.0");
        Files.write(day, lines);

        assertThat(run(SMA, "--klines", day.toString(), "--out", out.toString(), "--quiet")).isEqualTo(1);
        assertThat(stderr.toString()).startsWith("backtest: Kline file " + day + ":701: expected 12 columns, found 3. ");
    }

    @Test
    void aRangeWithNoFileInTheFolderFailsNamingTheFilesThere() {
        assertThat(run(SMA, "--data", data.toString(), "--symbols", "BTCUSDT", "--from", "2023-12-01", "--to", "2023-12-07",
                "--out", out.toString())).isEqualTo(1);
        assertThat(stderr.toString()).isEqualTo("backtest: No kline file of BTCUSDT 1m between 2023-12-01 and 2023-12-07 in "
                + data + ": the kline files found are BTCUSDT-1m-2023-11-15.csv (BTCUSDT 1m, 2023-11-15), "
                + "ETHUSDT-1m-2023-11-15.csv (ETHUSDT 1m, 2023-11-15). Download the days from data.binance.vision "
                + "(e.g. futures/um/daily/klines/BTCUSDT/1m/), or choose --from and --to within the files' days.\n");
    }

    @Test
    void aRangeOutsideTheFilesGivenFailsSayingSo() {
        assertThat(run(SMA, "--klines", day.toString(), "--from", "2023-12-01", "--to", "2023-12-07",
                "--out", out.toString(), "--quiet")).isEqualTo(1);
        assertThat(stderr.toString()).isEqualTo("backtest: No kline of BTCUSDT 1m between 2023-12-01 and 2023-12-07 in the "
                + "files given: the kline files found are BTCUSDT-1m-2023-11-15.csv (BTCUSDT 1m, 2023-11-15). Choose --from "
                + "and --to within the files' days, or give files of those days.\n");
    }

    @Test
    void aSymbolWithoutRulesIsAUsageErrorSayingHowToGetThem() {
        assertThat(run(SMA, "--data", data.toString(), "--symbols", "ETHUSDT", "--from", "2023-11-15", "--to", "2023-11-15",
                "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("backtest: no USD_M symbol rules for ETHUSDT in the built-in rules "
                + "(/exchange-info/usdm.json): give --symbol-rules FILE, a saved exchangeInfo answer that lists it");
    }

    @Test
    void aMissingKlineFileFailsNamingIt() {
        Path missing = data.resolve("BTCUSDT-1m-2023-11-16.csv");

        assertThat(run(SMA, "--klines", missing.toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(stderr.toString()).startsWith("backtest: Cannot read kline file " + missing + ": ");
    }

    @Test
    void optionsThatDoNotGoTogetherOrAreMissingAreUsageErrors() {
        assertThat(run(SMA, "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).isEqualTo("backtest: give either --klines FILE,... or --data DIR (with --from and --to)\n");

        assertThat(run("--bots", "bots.yaml", "--leverage", "20", "--klines", day.toString())).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("backtest: --leverage, --margin-type and --margin-per-trade go with --strategy");

        assertThat(run(SMA, "--data", data.toString(), "--symbols", "BTCUSDT", "--from", "15.11.2023", "--to", "2023-11-21"))
                .isEqualTo(2);
        assertThat(stderr.toString()).isEqualTo("backtest: --from '15.11.2023' is not a date: write the UTC day as 2023-11-15\n");

        assertThat(run(SMA, "--klines", day.toString(), "--leverage", "200")).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("backtest: --leverage 200 must be 1 to 125");

        assertThat(run(SMA, "--klines", day.toString(), "--fees", "4")).isEqualTo(2);
        assertThat(stderr.toString()).isEqualTo("backtest: Unknown options: '--fees', '4'\nbin/backtest --help lists the options.\n");
    }

    @Test
    void helpListsTheOptionsAndExitsWithZero() {
        assertThat(run("--help")).isZero();
        assertThat(stdout.toString()).startsWith("Usage: bin/backtest").contains("--strategy=TYPE", "--fee-bps=BPS",
                "default 5: Binance USD-M's base taker fee", "--out=DIR");
    }

    private int run(String... args) {
        stdout.getBuffer().setLength(0);
        stderr.getBuffer().setLength(0);
        return BacktestCommand.execute(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    }

    /** An exchangeInfo answer with BTCUSDT's built-in rules under each name. */
    private Path rulesFile(String... symbols) throws IOException {
        String btc = new String(BacktestCommandTest.class.getResourceAsStream(ExchangeInfoFile.BUILT_IN).readAllBytes());
        String entry = btc.substring(btc.indexOf("\"symbols\""));
        entry = entry.substring(entry.indexOf('{'), entry.lastIndexOf(']'));
        entry = entry.substring(0, entry.lastIndexOf('}') + 1);
        List<String> entries = new ArrayList<>();
        for (String symbol : symbols) {
            entries.add(entry.replace("\"BTCUSDT\"", "\"" + symbol + "\""));
        }
        return Files.writeString(dir.resolve("exchange-info.json"),
                "{\"serverTime\": 1748597014323, \"symbols\": [" + String.join(",", entries) + "]}");
    }
}
