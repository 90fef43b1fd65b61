package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.backtest.exchange.ExchangeInfoFile;
import io.tradeflow.backtest.input.InputException;
import io.tradeflow.backtest.input.KlineFiles;
import io.tradeflow.backtest.sweep.Combination;
import io.tradeflow.backtest.sweep.Combinations;
import io.tradeflow.backtest.sweep.Sweep;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.klinefiles.DateSpan;
import io.tradeflow.klinefiles.KlineFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@code bin/backtest}: bots over recorded kline files with the classes the services run ({@link Backtest}), then
 * the report; with {@code --grid}, a parameter sweep instead ({@link SweepRun}). Exit 0 when the report is written;
 * 2 when what was asked cannot run (options, strategy, parameters, bots file, symbol rules, grid), with what to do;
 * 1 when the files cannot be read or hold no kline of the days asked for.
 */
@Command(name = "bin/backtest", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs a strategy over recorded Binance klines with the indicators, strategy, risk checks, "
                + "sizing and paper venue the services run, and writes a report.", ""},
        footer = {"", "Examples:",
                "  bin/backtest --strategy sma-crossover --param fast=5 --param slow=20 \\",
                "      --data data/klines --symbols BTCUSDT --interval 1m --from 2023-11-15 --to 2023-11-21",
                "  bin/backtest --bots config/demo-bots.yaml --klines data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv",
                "  bin/backtest --strategy sma-crossover --grid fast=5,10,20 --grid slow=20:60:10 --rank-by sharpe \\",
                "      --klines data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv --out /tmp/sweep",
                "", "bin/backtest builds its jar when it is missing or older than its sources; --no-build runs it as it is.",
                "What is simulated and what is not: backtest/README.md"})
public final class BacktestCommand implements Callable<Integer> {
    static final int USAGE = 2;
    static final int FAILED = 1;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    @Option(names = "--strategy", paramLabel = "TYPE", order = 1,
            description = "one bot per pair with this strategy: sma-crossover or rsi-reversion (docs/strategies.md)")
    String strategy;

    @Option(names = "--param", paramLabel = "NAME=VALUE", split = ",", order = 2,
            description = "a parameter of --strategy, repeatable: --param fast=5 --param slow=20 (unset ones take "
                    + "their defaults)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--bots", paramLabel = "FILE", order = 3,
            description = "instead of --strategy: gateway-api's bots file (YAML, as config/demo-bots.yaml); its "
                    + "running bots, each with its own pair and risk")
    Path botsFile;

    @Option(names = "--klines", paramLabel = "FILE", split = ",", order = 4,
            description = "data.binance.vision kline files, CSV or ZIP (BTCUSDT-1m-2023-11-15.zip, a .CHECKSUM beside "
                    + "one is checked); symbol and interval come from each name")
    List<Path> klineFiles = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", order = 5,
            description = "instead of --klines: a folder of such files (searched with its subfolders), with --from and --to")
    Path data;

    @Option(names = "--symbols", paramLabel = "SYMBOL", split = ",", order = 6,
            description = "with --data and --strategy: the pairs' symbols, e.g. BTCUSDT,ETHUSDT")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "INTERVAL", order = 7,
            description = "with --data and --strategy: the kline interval (default 1m)")
    String interval;

    @Option(names = "--from", paramLabel = "DATE", order = 8,
            description = "first UTC day, e.g. 2023-11-15 (with --klines: optional)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", order = 9, description = "last UTC day, inclusive")
    String to;

    @Option(names = "--fee-bps", paramLabel = "BPS", order = 10,
            description = "fee of every fill, basis points of its notional (default ${DEFAULT-VALUE}: Binance USD-M's base taker fee)")
    BigDecimal feeBps = PaperSettings.DEFAULTS.takerFeeBps();

    @Option(names = "--slippage-bps", paramLabel = "BPS", order = 11,
            description = "basis points every fill price moves against the bot (default ${DEFAULT-VALUE})")
    BigDecimal slippageBps = PaperSettings.DEFAULTS.slippageBps();

    @Option(names = "--balance", paramLabel = "USDT", order = 12,
            description = "each bot's starting paper wallet (default ${DEFAULT-VALUE})")
    BigDecimal balance = PaperSettings.DEFAULTS.startingBalance();

    @Option(names = "--margin-per-trade", paramLabel = "USDT", order = 13,
            description = "with --strategy: margin one trade commits (default 100)")
    BigDecimal marginPerTrade;

    @Option(names = "--leverage", paramLabel = "N", order = 14,
            description = "with --strategy: leverage, 1 to 125 (default 10); notional = margin x leverage")
    Integer leverage;

    @Option(names = "--margin-type", paramLabel = "TYPE", order = 15,
            description = "with --strategy: ISOLATED or CROSSED (default ISOLATED; the paper venue treats both alike)")
    MarginType marginType;

    @Option(names = "--daily-loss-percent", paramLabel = "PERCENT", order = 16,
            description = "a bot whose balance falls this far in a UTC day is halted, as execution-service does (default ${DEFAULT-VALUE})")
    BigDecimal dailyLossPercent = RiskLimits.DEFAULTS.dailyLossPercent();

    @Option(names = "--max-drawdown-percent", paramLabel = "PERCENT", order = 17,
            description = "a bot whose balance falls this far below its peak is halted (default ${DEFAULT-VALUE})")
    BigDecimal maxDrawdownPercent = RiskLimits.DEFAULTS.maxDrawdownPercent();

    @Option(names = "--symbol-rules", paramLabel = "FILE", order = 18,
            description = "a saved USD-M exchangeInfo answer (curl -s https://fapi.binance.com/fapi/v1/exchangeInfo); "
                    + "default: the built-in BTCUSDT rules execution-service ships")
    Path symbolRules;

    @Option(names = "--out", paramLabel = "DIR", order = 19,
            description = "the report's folder (default ${DEFAULT-VALUE}); one subfolder per bot when there are several")
    Path out = Path.of("backtest-report");

    @Option(names = "--quiet", order = 20, description = "no progress on standard error")
    boolean quiet;

    @Mixin
    SweepOptions sweep = new SweepOptions();

    private final LongSupplier nanoClock;

    BacktestCommand(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command as {@code bin/backtest} does, writing to {@code out} and {@code err}; returns the exit code.
     * Public for the tests of other packages (the sweep's).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new BacktestCommand(System::nanoTime));
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((e, given) -> {
            err.println("backtest: " + e.getMessage());
            err.println("bin/backtest --help lists the options.");
            err.flush();
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            switch (e) {
                case UsageException usage -> err.println("backtest: " + usage.getMessage());
                case InputException input -> err.println("backtest: " + input.getMessage());
                case KlineFileException file -> err.println("backtest: " + file.getMessage());
                case UncheckedIOException io -> err.println("backtest: " + io.getMessage());
                default -> {
                    err.println("backtest failed: " + e);
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return e instanceof UsageException ? USAGE : FAILED;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        // What was asked is checked before any file is read: a usage error comes first.
        checkCombinations();
        sweep.check(botsFile != null);
        Optional<DateSpan> days = days();
        PaperSettings paper = paperSettings();
        RiskLimits limits = riskLimits();

        List<BotDefinition> bots;
        KlineChoice klines;
        if (strategy != null) {
            Optional<Combinations> grid = sweep.requested() ? Optional.of(sweep.combinations(strategy, params))
                    : Optional.empty();
            if (grid.isEmpty()) {
                BotChoice.checkStrategy(strategy, params);
            }
            RiskSpec risk = BotChoice.risk(marginPerTrade == null ? BotChoice.DEFAULT_MARGIN_PER_TRADE : marginPerTrade,
                    leverage == null ? BotChoice.DEFAULT_LEVERAGE : leverage,
                    marginType == null ? MarginType.ISOLATED : marginType);
            List<Series> wanted = data == null ? List.of() : strategySeries();
            klines = data == null ? KlineChoice.named(klineFiles, days)
                    : KlineChoice.inFolder(data, wanted, days.orElseThrow());
            if (grid.isPresent()) {
                return sweep(grid.get(), klines, risk, paper, limits, days);
            }
            bots = BotChoice.fromStrategy(strategy, params, klines.series(), risk);
        } else {
            bots = BotChoice.fromFile(botsFile, err);
            Set<Series> series = new LinkedHashSet<>(bots.stream().map(Series::of).toList());
            klines = data == null ? KlineChoice.named(klineFiles, days).of(series)
                    : KlineChoice.inFolder(data, series, days.orElseThrow());
            for (BotDefinition bot : bots) {
                if (!klines.series().contains(Series.of(bot))) {
                    throw new InputException("bot " + bot.botId() + " trades " + Series.of(bot) + ", but no kline file of "
                            + Series.of(bot) + " is given (" + KlineChoice.found(KlineChoice.named(klineFiles, days).files())
                            + "): add one to --klines");
                }
            }
        }
        Backtest backtest = new Backtest(bots, new BacktestSettings(paper, limits, rulesOf(bots, exchangeInfo())));
        KlineFiles files = files(klines, days, bots, err);
        ProgressLine progress = new ProgressLine(err, nanoClock, !quiet);
        List<BotRun> runs = backtest.run(files, progress);
        checkNotEmpty(runs, klines);
        if (!quiet) {
            err.println("backtest: " + progress.done());
        }
        Results.write(runs, files, out, stdout);
        return 0;
    }

    /** {@code --grid}: the sweep of {@link SweepRun}, on the klines of one pair read once. */
    private int sweep(Combinations grid, KlineChoice klines, RiskSpec risk, PaperSettings paper, RiskLimits limits,
                      Optional<DateSpan> days) {
        PrintWriter err = spec.commandLine().getErr();
        Series series = SweepRun.onePair(klines);
        Function<Combination, BotDefinition> bots = combination -> BotChoice.fromStrategy(strategy,
                combination.params(), List.of(series), risk).getFirst();
        List<BotDefinition> first = List.of(bots.apply(grid.accepted().getFirst()));
        BacktestSettings settings = new BacktestSettings(paper, limits, rulesOf(first, exchangeInfo()));
        LoadedKlines loaded = LoadedKlines.load(files(klines, days, first, err));
        if (loaded.size() == 0) {
            throw noKlineOf(series, klines);
        }
        Sweep.Plan plan = new Sweep.Plan(grid, bots, settings, sweep.measure(), sweep.top(), sweep.threads());
        return new SweepRun(err, spec.commandLine().getOut(), nanoClock, quiet).run(plan, loaded, sweep.outOfSample(),
                out);
    }

    private ExchangeInfoFile exchangeInfo() {
        return symbolRules == null ? ExchangeInfoFile.builtIn() : ExchangeInfoFile.read(symbolRules);
    }

    /** The bots' kline files, saying how many match their {@code .CHECKSUM}. */
    private static KlineFiles files(KlineChoice klines, Optional<DateSpan> days, List<BotDefinition> bots,
                                    PrintWriter err) {
        KlineFiles files = KlineFiles.of(klines.files(), days, marketsOf(bots));
        if (!files.checked().verified().isEmpty()) {
            err.println("backtest: " + files.checked().verified().size() + " file(s) match their .CHECKSUM");
        }
        return files;
    }

    private void checkCombinations() {
        if ((strategy == null) == (botsFile == null)) {
            throw new UsageException("give either --strategy (with its --param) or --bots FILE");
        }
        if (strategy == null && !params.isEmpty()) {
            throw new UsageException("--param goes with --strategy; a bots file gives each bot's parameters");
        }
        if (botsFile != null && (leverage != null || marginType != null || marginPerTrade != null)) {
            throw new UsageException("--leverage, --margin-type and --margin-per-trade go with --strategy; a bots file "
                    + "gives each bot's risk (risk.leverage, risk.marginType, risk.marginPerTrade)");
        }
        if (klineFiles.isEmpty() == (data == null)) {
            throw new UsageException("give either --klines FILE,... or --data DIR (with --from and --to)");
        }
        if (data == null && (!symbols.isEmpty() || interval != null)) {
            throw new UsageException("--symbols and --interval go with --data; with --klines each file's name gives its "
                    + "symbol and interval");
        }
        if (data != null && (from == null || to == null)) {
            throw new UsageException("--data needs --from and --to: the first and last UTC day, e.g. --from 2023-11-15 "
                    + "--to 2023-11-21");
        }
        if (data != null && botsFile != null && (!symbols.isEmpty() || interval != null)) {
            throw new UsageException("--symbols and --interval go with --strategy; a bots file gives each bot's symbol "
                    + "and interval");
        }
        if (data != null && strategy != null && symbols.isEmpty()) {
            throw new UsageException("--data with --strategy needs --symbols, e.g. --symbols BTCUSDT,ETHUSDT");
        }
    }

    private List<Series> strategySeries() {
        Interval of;
        try {
            of = Interval.fromCode(interval == null ? "1m" : interval);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--interval " + interval + ": " + e.getMessage());
        }
        List<Series> series = new ArrayList<>();
        for (String symbol : symbols) {
            try {
                series.add(new Series(Symbol.of(symbol.strip()), of));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--symbols " + symbol + ": " + e.getMessage());
            }
        }
        return List.copyOf(new LinkedHashSet<>(series));
    }

    private Optional<DateSpan> days() {
        if (from == null && to == null) {
            return Optional.empty();
        }
        LocalDate first = from == null ? LocalDate.of(1970, 1, 1) : date("--from", from);
        LocalDate last = to == null ? LocalDate.of(9999, 12, 31) : date("--to", to);
        if (last.isBefore(first)) {
            throw new UsageException("--to " + last + " is before --from " + first);
        }
        return Optional.of(new DateSpan(first, last));
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " '" + text + "' is not a date: write the UTC day as 2023-11-15");
        }
    }

    private PaperSettings paperSettings() {
        try {
            return new PaperSettings(slippageBps, feeBps, balance);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fee-bps, --slippage-bps and --balance: " + e.getMessage());
        }
    }

    private RiskLimits riskLimits() {
        RiskLimits d = RiskLimits.DEFAULTS;
        try {
            return new RiskLimits(d.maxOpenPositions(), d.maxNotionalPerSymbol(), d.maxNotionalTotal(),
                    dailyLossPercent, maxDrawdownPercent, d.maxSignalDelay());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--daily-loss-percent and --max-drawdown-percent must be positive: "
                    + dailyLossPercent.toPlainString() + ", " + maxDrawdownPercent.toPlainString());
        }
    }

    /** The rules of every bot's symbol; a bot without them could not enter once, so the run is refused. */
    private static Map<Symbol, SymbolRules> rulesOf(List<BotDefinition> bots, ExchangeInfoFile rules) {
        Map<Symbol, SymbolRules> chosen = new HashMap<>();
        for (BotDefinition bot : bots) {
            SymbolRules r = rules.rules().get(bot.symbol());
            if (r == null || r.market() != bot.market()) {
                String why = rules.notTrading().contains(bot.symbol().value()) ? " (listed, but not TRADING)"
                        : rules.rejected().stream().filter(line -> line.startsWith(bot.symbol().value() + ":"))
                        .findFirst().map(line -> " (left out: " + line + ")").orElse("");
                throw new UsageException("no " + bot.market() + " symbol rules for " + bot.symbol() + " in "
                        + rules.source() + why + ": give --symbol-rules FILE, a saved exchangeInfo answer that lists it "
                        + "(curl -s https://fapi.binance.com/fapi/v1/exchangeInfo > exchange-info.json)"
                        + (bot.market() == Market.COIN_M ? "; COIN-M bots cannot be backtested yet (only USD-M "
                        + "exchangeInfo files are read)" : ""));
            }
            chosen.put(bot.symbol(), r);
        }
        return chosen;
    }

    private static Function<Symbol, Market> marketsOf(List<BotDefinition> bots) {
        Map<Symbol, Market> markets = new HashMap<>();
        bots.forEach(bot -> markets.put(bot.symbol(), bot.market()));
        return symbol -> markets.getOrDefault(symbol, Market.USD_M);
    }

    /** A bot that met no kline has nothing to report: the days asked for are not in its files. */
    private static void checkNotEmpty(List<BotRun> runs, KlineChoice klines) {
        for (BotRun run : runs) {
            if (run.equity().isEmpty()) {
                throw noKlineOf(Series.of(run.bot()), klines);
            }
        }
    }

    private static InputException noKlineOf(Series series, KlineChoice klines) {
        return new InputException("No kline of " + series + " " + klines.between() + "in " + klines.where() + ": "
                + KlineChoice.found(klines.files().stream().filter(f -> Series.of(f).equals(series)).toList())
                + ". Choose --from and --to within the files' days, or give files of those days.");
    }
}
