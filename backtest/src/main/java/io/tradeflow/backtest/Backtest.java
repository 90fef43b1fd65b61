package io.tradeflow.backtest;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.execution.PaperVenue;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.core.execution.TradingVenue;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.indicator.KlinePrices;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.core.strategy.BotStrategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A backtest: bots over recorded klines, in one thread, with the classes the services run. Per kline, in market time,
 * as the pipeline does it:
 * <ol>
 *   <li>the (symbol, interval) series computes its bots' indicators ({@link IndicatorSeries}), one snapshot per
 *       kline. indicator-service computes its defaults ({@code tradeflow.indicator.defaults}) besides; no strategy
 *       reads them and an indicator's values depend only on the klines it has seen, so leaving them out changes no
 *       decision (the parity tests run the services' side with them) and saves their cost;</li>
 *   <li>the paper venue checks the resting stop-losses and take-profits against the kline
 *       ({@link PaperVenue#onKline}, execution-service's first step of a kline);</li>
 *   <li>each bot of the series, by bot id, evaluates the snapshot ({@link BotStrategy#onSnapshot}, signal-service)
 *       and its signal goes to the {@link Trader} (risk, sizing, paper fills: execution-service), received the moment
 *       it was produced, so never stale;</li>
 *   <li>each bot's equity is marked to the kline's close.</li>
 * </ol>
 * Every order event is also booked into positions as position-service books it ({@link TradeBook}).
 *
 * <p>The time a step happens is the kline's close: signals are produced and received then, and order events carry
 * it as {@code producedAt} (the services stamp their wall clock there; nothing they decide depends on it). So the
 * same bots, klines and settings always give the same {@link BotRun}s.
 *
 * <p>An instance holds configuration only and every {@link #run} builds its own venue, trader, series and strategies:
 * runs on one instance, or on several over one {@link LoadedKlines}, may go on in parallel threads.
 */
public final class Backtest {
    /** How often a run reports its progress, in klines. */
    public static final int PROGRESS_EVERY_KLINES = 4096;

    private final List<BotDefinition> bots;
    private final BacktestSettings settings;

    /**
     * @param bots RUNNING bots on the PAPER venue, each with its own id; their strategies and parameters are checked
     *             here
     * @throws io.tradeflow.core.strategy.InvalidParameterException when a bot's strategy or a parameter cannot run
     * @throws IllegalArgumentException for no bot, a bot id given twice, a bot not RUNNING or not on PAPER
     */
    public Backtest(List<BotDefinition> bots, BacktestSettings settings) {
        this.bots = List.copyOf(bots);
        this.settings = Objects.requireNonNull(settings, "settings");
        if (this.bots.isEmpty()) {
            throw new IllegalArgumentException("a backtest needs at least one bot");
        }
        Set<String> ids = new HashSet<>();
        for (BotDefinition bot : this.bots) {
            if (!ids.add(bot.botId())) {
                throw new IllegalArgumentException("bot id " + bot.botId() + " is given twice");
            }
            if (bot.status() != BotStatus.RUNNING || bot.venue() != Venue.PAPER) {
                throw new IllegalArgumentException("bot " + bot.botId() + " is " + bot.status() + " on " + bot.venue()
                        + ": a backtest runs RUNNING bots on the PAPER venue");
            }
            BotStrategy.of(bot);
        }
    }

    public List<BotDefinition> bots() {
        return bots;
    }

    public BacktestSettings settings() {
        return settings;
    }

    /** Runs every bot over one pass of {@code klines}; one {@link BotRun} per bot, in the order the bots were given. */
    public List<BotRun> run(Klines klines) {
        return run(klines, Progress.NONE);
    }

    /** The same, telling {@code progress} how far it is. */
    public List<BotRun> run(Klines klines, Progress progress) {
        Run run = new Run();
        long count = 0;
        try (Klines.Pass pass = klines.open()) {
            for (KlineClosed kline = pass.next(); kline != null; kline = pass.next()) {
                run.step(kline, pass.prices(kline));
                if (++count % PROGRESS_EVERY_KLINES == 0) {
                    progress.at(count, pass.fractionRead());
                }
            }
            progress.at(count, 1.0);
        }
        return run.tracks.stream().map(BotTrack::result).toList();
    }

    /** The bots of one (symbol, interval), by bot id, and the series they read. */
    private record Series(IndicatorSeries indicators, List<BotTrack> bots) {
    }

    /** One run's state. */
    private final class Run {
        private final List<BotTrack> tracks = new ArrayList<>();
        private final Map<String, BotTrack> byId = new HashMap<>();
        private final Map<Symbol, Map<Interval, Series>> series = new HashMap<>();
        private final PaperVenue paper;
        private final Trader trader;
        /** Market time of the step being processed: the kline's close. */
        private long now = 1;

        Run() {
            paper = new PaperVenue(settings.paper(), settings::rulesOf, () -> now);
            Optional<TradingVenue> paperVenue = Optional.of(paper);
            trader = new Trader(venue -> venue == Venue.PAPER ? paperVenue : Optional.empty(), settings::rulesOf,
                    settings.limits(), paper, () -> now);
            for (BotDefinition bot : bots) {
                String marginAsset = settings.rulesOf(bot.symbol()).map(SymbolRules::marginAsset).orElse("USDT");
                BotTrack track = new BotTrack(bot, settings.paper().startingBalance(bot.market()), marginAsset);
                tracks.add(track);
                byId.put(bot.botId(), track);
                Series of = series.computeIfAbsent(bot.symbol(), s -> new EnumMap<>(Interval.class))
                        .computeIfAbsent(bot.interval(), i -> new Series(new IndicatorSeries(bot.symbol(), i),
                                new ArrayList<>()));
                of.indicators().require(track.strategy.indicators());
                of.bots().add(track);
            }
            series.values().forEach(byInterval -> byInterval.values()
                    .forEach(s -> s.bots().sort(Comparator.comparing(track -> track.bot.botId()))));
        }

        void step(KlineClosed kline, KlinePrices prices) {
            Map<Interval, Series> ofSymbol = series.get(kline.symbol());
            Series of = ofSymbol == null ? null : ofSymbol.get(kline.interval());
            if (of == null) {
                return; // no bot trades this pair
            }
            Optional<IndicatorsComputed> snapshot = of.indicators().apply(kline, prices, kline.closeTime()).snapshot();
            if (snapshot.isEmpty()) {
                return; // a kline of the series seen already
            }
            now = kline.closeTime();
            for (OrderUpdated event : paper.onKline(kline)) {
                byId.get(event.botId()).ordered(event);
            }
            for (BotTrack track : of.bots()) {
                Optional<SignalGenerated> signal = track.strategy.onSnapshot(snapshot.get(), now).signal();
                if (signal.isPresent()) {
                    track.ordered(trader.onSignal(signal.get(), track.bot, now).orders());
                }
            }
            for (BotTrack track : of.bots()) {
                track.marked(kline, paper.account(track.bot.botId()));
            }
        }
    }
}
