package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.cli.BacktestCommand;
import io.tradeflow.backtest.input.BotsFileTestAccess;
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

/** {@code bin/backtest --grid ...} in-process on the recorded day: what it writes, says and exits with. */
class SweepCommandTest {
    private static final String SMA = "--strategy=sma-crossover";

    @TempDir
    Path dir;
    private Path day;
    private Path out;
    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeEach
    void recordedDay() {
        day = RecordedDay.writeTo(dir.resolve("data").resolve(RecordedDay.FILE_NAME));
        out = dir.resolve("sweep");
    }

    @Test
    void theIssuesExampleRanksTheGridWritesItsFilesAndTheBestsReport() throws IOException {
        int exit = run(SMA, "--grid", "fast=5,10,20", "--grid", "slow=20:60:10", "--top", "3", "--klines",
                day.toString(), "--out", out.toString());

        assertThat(exit).as("exit code; stderr: %s", stderr).isZero();
        assertThat(stderr.toString()).containsOnlyOnce("backtest: 1 of 15 combinations skipped, refused by "
                + "sma-crossover (e.g. fast=20 slow=20: parameter 'fast' must be below 'slow' (20), not '20'); "
                + "sweep.json lists them\n");
        assertThat(stderr.toString()).contains("backtest: 1440 klines; in sample 2023-11-15 00:00 to 2023-11-15 16:48 "
                + "UTC (1008), out of sample to 2023-11-16 00:00 (432, 30.0 % of the time; not on a UTC midnight: the "
                + "klines lie within one day, or are longer than a day; cut at a kline's open near 30 % from the end); "
                + "14 combinations on ");
        List<String> table = stdout.toString().lines().toList();
        assertThat(table.getFirst()).isEqualTo("Top 3 of 14 combinations by net-pnl, in sample 2023-11-15 00:00 to "
                + "2023-11-15 16:48 UTC (1008 klines), out of sample to 2023-11-16 00:00 (432 klines):");
        assertThat(table.get(1)).matches("rank +fast +slow +IS trades +IS net-pnl +OOS trades +OOS net-pnl +OOS rank");
        assertThat(table.get(2)).startsWith("   1  ");

        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(csv).hasSize(15);
        String[] best = csv.get(1).split(",", -1);
        assertThat(best[0]).isEqualTo("1");
        assertThat(Files.readString(out.resolve("sweep.json"))).contains("\"combinations\" : 15,\n  \"run\" : 14,");
        assertThat(out.resolve("best").resolve("report.html")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("best").resolve("summary.json")))
                .contains("\"fast\" : \"" + best[2] + "\"", "\"slow\" : \"" + best[3] + "\"");
        assertThat(stdout.toString()).contains("The best in sample (fast=" + best[2] + " slow=" + best[3]
                + ") over the whole range:\nsma-crossover-btcusdt-1m: sma-crossover on BTCUSDT 1m, "
                + "2023-11-15T00:00:00Z to 2023-11-16T00:00:00Z\n");
    }

    @Test
    void quietLeavesOnlyWhatMustBeSaidAndZeroKeepsEveryKlineInSample() throws IOException {
        int exit = run(SMA, "--grid", "fast=5,10", "--param", "slow=30", "--out-of-sample", "0", "--rank-by",
                "max-drawdown", "--threads", "2", "--klines", day.toString(), "--out", out.toString(), "--quiet");

        assertThat(exit).as("exit code; stderr: %s", stderr).isZero();
        assertThat(stderr.toString()).isEmpty();
        assertThat(stdout.toString()).startsWith("Top 2 of 2 combinations by max-drawdown (lowest first), "
                + "2023-11-15 00:00 to 2023-11-16 00:00 UTC (1440 klines), no out-of-sample part:\n");
        assertThat(Files.readAllLines(out.resolve("sweep.csv")).get(1)).endsWith(",,,,,,,,,,,");
    }

    @Test
    void anUnknownGridParameterIsAUsageErrorListingTheStrategysParameters() {
        assertUsageError("backtest: --grid fats: unknown parameter 'fats' for strategy sma-crossover; known: fast, "
                + "slow, ", SMA, "--grid", "fats=5,10");
        assertThat(stderr.toString()).contains("\nParameters of sma-crossover (--param NAME=VALUE; docs/strategies.md "
                + "has the rules):\n  fast                       integer 2 to 1000, default 21");
    }

    @Test
    void aValueTheStrategyRefusesIsAUsageErrorNamingIt() {
        assertUsageError("backtest: --grid fast=1: parameter 'fast' must be from 2 to 1000, not '1'\nParameters of "
                + "sma-crossover", SMA, "--grid", "fast=1,5");
    }

    @Test
    void anEmptyRangeIsAUsageError() {
        assertUsageError("backtest: --grid slow=60:20:10 is an empty range: from (60) is above to (20); write the "
                + "smaller end first\n", SMA, "--grid", "slow=60:20:10");
    }

    @Test
    void moreCombinationsThanAllowedIsAUsageError() {
        assertUsageError("backtest: --grid gives 10 combinations (fast 2 x slow 5), more than the 5 allowed: narrow "
                + "the grid (fewer values, larger steps) or raise --max-combinations\n", SMA, "--grid", "fast=5,10",
                "--grid", "slow=20:60:10", "--max-combinations", "5");
    }

    @Test
    void sweepOptionsWithoutAGridOrAGridWithABotsFileAreUsageErrors() throws IOException {
        assertUsageError("backtest: --rank-by, --top, --out-of-sample, --threads and --max-combinations go with "
                + "--grid", SMA, "--top", "3");
        Path bots = Files.writeString(dir.resolve("bots.yaml"), BotsFileTestAccess.DEMO);
        assertUsageError("backtest: --grid sweeps the parameters of --strategy; a bots file gives each bot its own",
                "--bots", bots.toString(), "--grid", "fast=5,10");
        assertUsageError("backtest: --rank-by pnl: unknown measure; known: net-pnl, ", SMA, "--grid", "fast=5",
                "--rank-by", "pnl");
    }

    @Test
    void twoPairsAreAUsageErrorASweepRanksOneBot() {
        Path eth = RecordedDay.writeTo(dir.resolve("data").resolve("ETHUSDT-1m-2023-11-15.csv"));

        assertUsageError("backtest: a sweep ranks one bot, on one pair, but the kline files hold 2 (BTCUSDT 1m, "
                + "ETHUSDT 1m): give one symbol in --symbols, or the files of one pair in --klines\n", SMA, "--grid",
                "fast=5,10", "--klines", day + "," + eth);
    }

    @Test
    void aMalformedRowFailsTheSweepNamingTheFileAndLine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(day));
        lines.set(700, "1700048340000,36411.0,36411.0");
        Files.write(day, lines);

        assertThat(run(SMA, "--grid", "fast=5,10", "--klines", day.toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(stderr.toString()).startsWith("backtest: Kline file " + day + ":701: expected 12 columns, found 3. ");
        assertThat(out).doesNotExist();
    }

    private void assertUsageError(String messageStart, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--klines")) {
            all.addAll(List.of("--klines", day.toString()));
        }
        all.addAll(List.of("--out", out.toString()));
        stderr.getBuffer().setLength(0);

        assertThat(run(all.toArray(String[]::new))).as("exit code; stderr: %s", stderr).isEqualTo(2);
        assertThat(stderr.toString()).startsWith(messageStart);
        assertThat(out).doesNotExist();
    }

    private int run(String... args) {
        return BacktestCommand.execute(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    }
}
