package io.tradeflow.backtest.cli;

import io.tradeflow.backtest.input.BotsFile;
import io.tradeflow.backtest.input.BotsFileException;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.core.strategy.Strategies;
import io.tradeflow.core.strategy.Strategy;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The bots a run trades: one per pair from {@code --strategy}, or the running bots of a bots file. */
final class BotChoice {
    /** A backtest's bots are not versions of a stored definition: time 1, so that two runs give the same report. */
    static final long DEFINITION_TIME = 1;
    static final BigDecimal DEFAULT_MARGIN_PER_TRADE = new BigDecimal("100");
    static final int DEFAULT_LEVERAGE = 10;

    private BotChoice() {
    }

    /**
     * Checks {@code --strategy} and its {@code --param}s before anything is read.
     *
     * @throws UsageException for an unknown strategy or parameter, or a value out of its range, with the strategy's
     *                        parameters listed
     */
    static void checkStrategy(String type, Map<String, String> params) {
        Strategy strategy;
        try {
            strategy = Strategies.find(type);
        } catch (InvalidParameterException e) {
            throw new UsageException("--strategy " + type + ": " + e.getMessage());
        }
        try {
            Strategies.parse(strategy, params);
        } catch (InvalidParameterException e) {
            throw new UsageException("--param: " + e.getMessage() + "\n" + StrategyHelp.parameters(type));
        }
    }

    /** The risk of the bots built from {@code --strategy}: one position at a time. */
    static RiskSpec risk(BigDecimal marginPerTrade, int leverage, MarginType marginType) {
        if (marginPerTrade.signum() <= 0) {
            throw new UsageException("--margin-per-trade " + marginPerTrade.toPlainString()
                    + " must be positive: the margin one trade commits, in the quote asset (USDT)");
        }
        if (leverage < 1 || leverage > RiskSpec.MAX_LEVERAGE) {
            throw new UsageException("--leverage " + leverage + " must be 1 to " + RiskSpec.MAX_LEVERAGE
                    + " (Binance's maximum; the symbol's own bracket may allow less)");
        }
        return new RiskSpec(marginPerTrade, leverage, marginType, 1);
    }

    /** One RUNNING paper bot of {@code type} per series, id {@code <type>-<symbol>-<interval>} ({@link #checkStrategy} first). */
    static List<BotDefinition> fromStrategy(String type, Map<String, String> params, Collection<Series> series,
                                            RiskSpec risk) {
        String described = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        List<BotDefinition> bots = new ArrayList<>();
        for (Series s : series) {
            String id = type + "-" + s.symbol().value().toLowerCase(Locale.ROOT) + "-" + s.interval().code();
            bots.add(new BotDefinition(id, (type + " " + s + " " + described).strip(), Market.USD_M, s.symbol(),
                    s.interval(), new StrategySpec(type, params), risk, Venue.PAPER, BotStatus.RUNNING, false,
                    DEFINITION_TIME, DEFINITION_TIME));
        }
        return bots;
    }

    /**
     * The bots of the file that run ({@code running: false} ones are left out, and said so), each on the paper venue.
     *
     * @throws UsageException when the file cannot be run, naming the bot and the field (with the strategy's
     *                        parameters when one is at fault), or no bot of it runs
     */
    static List<BotDefinition> fromFile(Path file, PrintWriter notes) {
        List<BotsFile.Entry> entries;
        try {
            entries = BotsFile.read(file, DEFINITION_TIME);
        } catch (BotsFileException e) {
            throw new UsageException(e.getMessage()
                    + e.strategyType().map(type -> "\n" + StrategyHelp.parameters(type)).orElse(""));
        }
        List<BotDefinition> bots = new ArrayList<>();
        for (BotsFile.Entry entry : entries) {
            BotDefinition bot = entry.bot();
            if (!entry.running()) {
                notes.println("backtest: bot " + bot.botId() + " is not run (running: false in " + file + ")");
                continue;
            }
            if (bot.venue() != Venue.PAPER) {
                notes.println("backtest: bot " + bot.botId() + " trades on " + bot.venue()
                        + "; backtested on the paper venue");
                bot = new BotDefinition(bot.botId(), bot.name(), bot.market(), bot.symbol(), bot.interval(),
                        bot.strategy(), bot.risk(), Venue.PAPER, BotStatus.RUNNING, false, bot.eventTime(),
                        bot.producedAt());
            }
            bots.add(bot);
        }
        if (bots.isEmpty()) {
            throw new UsageException("no bot of " + file + " runs (each says running: false): set running: true on "
                    + "the bots to backtest");
        }
        return bots;
    }
}
