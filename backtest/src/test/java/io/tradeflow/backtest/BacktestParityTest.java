package io.tradeflow.backtest;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.execution.PaperReplay;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.core.position.TrackedPosition;
import io.tradeflow.core.testing.RecordedDay;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.tradeflow.backtest.TestBots.BTCUSDT;
import static io.tradeflow.backtest.TestBots.RSI_PARAMS;
import static io.tradeflow.backtest.TestBots.SMA_PARAMS;
import static io.tradeflow.backtest.TestBots.bot;
import static io.tradeflow.backtest.TestBots.rulesAs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against trading-core's in-process run of the services' semantics ({@link PaperReplay}, which the
 * pipeline tests prove equal to the services): over the recorded day, the same bot gives the same order events and
 * the same realized PnL, whatever other bots and pairs run beside it.
 */
class BacktestParityTest {
    private static final Symbol OTHER = Symbol.of("OTHERUSDT");
    /** indicator-service's default {@code tradeflow.indicator.defaults}: the services' side computes them, the backtest does not. */
    private static final List<String> SERVICE_DEFAULT_INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)");
    private static final Map<Symbol, SymbolRules> RULES = Map.of(BTCUSDT, rulesAs(BTCUSDT), OTHER, rulesAs(OTHER));
    private static final BacktestSettings SETTINGS = new BacktestSettings(PaperSettings.DEFAULTS, RiskLimits.DEFAULTS,
            RULES);

    @Test
    void aBotOverTheRecordedDayGivesThePaperReplaysOrdersAndRealizedPnl() {
        BotDefinition bot = bot("parity-sma", BTCUSDT, "sma-crossover", SMA_PARAMS);
        List<KlineClosed> day = RecordedDay.closed(BTCUSDT);

        BotRun run = new Backtest(List.of(bot), SETTINGS).run(LoadedKlines.of(day)).getFirst();

        List<OrderUpdated> expected = replay(List.of(bot), day);
        assertThat(expected).as("the day must trade: entries, brackets, fills").hasSizeGreaterThan(10);
        assertThat(comparable(run.orders())).containsExactlyElementsOf(comparable(expected));
        assertThat(realized(run.trades())).as("realized PnL of the closed positions")
                .isEqualByComparingTo(realizedOfFills(expected));
        assertThat(run.trades()).as("positions closed").hasSizeGreaterThan(3)
                .allSatisfy(trade -> assertThat(trade.initialStop()).as("initial stop of %s", trade.positionId()).isNotNull());
    }

    @Test
    void botsOnOneSeriesAndOnAnotherPairTradeAsEachWouldBesideTheOthersInTheServices() {
        BotDefinition sma = bot("parity-a-sma", BTCUSDT, "sma-crossover", SMA_PARAMS);
        BotDefinition rsi = bot("parity-b-rsi", BTCUSDT, "rsi-reversion", RSI_PARAMS);
        BotDefinition other = bot("parity-c-sma", OTHER, "sma-crossover", SMA_PARAMS);
        // Two pairs in market time: by open time, then symbol, as the replay merges files.
        List<KlineClosed> klines = Stream.concat(RecordedDay.closed(BTCUSDT).stream(), RecordedDay.closed(OTHER).stream())
                .sorted(Comparator.comparingLong(KlineClosed::openTime).thenComparing(k -> k.symbol().value()))
                .toList();
        List<BotDefinition> bots = List.of(other, rsi, sma);

        List<BotRun> runs = new Backtest(bots, SETTINGS).run(LoadedKlines.of(klines));

        List<OrderUpdated> expected = replay(bots, klines);
        assertThat(runs).extracting(run -> run.bot().botId()).containsExactly("parity-c-sma", "parity-b-rsi", "parity-a-sma");
        for (BotRun run : runs) {
            List<OrderUpdated> ofBot = expected.stream().filter(o -> o.botId().equals(run.bot().botId())).toList();
            assertThat(ofBot).as("orders of %s", run.bot().botId()).isNotEmpty();
            assertThat(comparable(run.orders())).as("orders of %s", run.bot().botId())
                    .containsExactlyElementsOf(comparable(ofBot));
            assertThat(run.equity()).as("one equity point per kline of its pair").hasSize(RecordedDay.SIZE);
        }
    }

    @Test
    void theEquityIsTheWalletPlusTheOpenPositionAtEachClose() {
        BotDefinition bot = bot("equity-sma", BTCUSDT, "sma-crossover", SMA_PARAMS);
        List<KlineClosed> day = RecordedDay.closed(BTCUSDT);

        BotRun run = new Backtest(List.of(bot), SETTINGS).run(LoadedKlines.of(day)).getFirst();

        assertThat(run.startingBalance()).isEqualByComparingTo("10000");
        assertThat(run.marginAsset()).isEqualTo("USDT");
        assertThat(run.firstOpenTime()).isEqualTo(day.getFirst().openTime());
        assertThat(run.lastCloseTime()).isEqualTo(day.getLast().closeTime());
        assertThat(run.equity()).extracting(EquityPoint::time)
                .containsExactlyElementsOf(day.stream().map(KlineClosed::closeTime).toList());
        assertThat(run.equity().getFirst()).isEqualTo(new EquityPoint(day.getFirst().closeTime(), new BigDecimal("10000"), false));
        assertThat(run.equity()).anyMatch(EquityPoint::inMarket).anyMatch(point -> !point.inMarket());
        // Flat at a close: the wallet is the starting balance plus the closed positions' PnL after every fee.
        EquityPoint lastFlat = run.equity().stream().filter(point -> !point.inMarket()).reduce((a, b) -> b).orElseThrow();
        BigDecimal netOfClosedBefore = run.trades().stream()
                .filter(trade -> trade.position().closedAt() <= lastFlat.time())
                .map(TrackedPosition::netRealizedPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(lastFlat.equity()).isEqualByComparingTo(new BigDecimal("10000").add(netOfClosedBefore));
    }

    @Test
    void runsOfOneBacktestOverSharedKlinesInParallelThreadsGiveTheSameRunsAsOneAfterTheOther() throws Exception {
        LoadedKlines day = LoadedKlines.of(RecordedDay.closed(BTCUSDT));
        Backtest backtest = new Backtest(List.of(bot("shared-sma", BTCUSDT, "sma-crossover", SMA_PARAMS),
                bot("shared-rsi", BTCUSDT, "rsi-reversion", RSI_PARAMS)), SETTINGS);
        List<BotRun> alone = backtest.run(day);

        List<List<BotRun>> parallel = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<List<BotRun>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(threads.submit(() -> backtest.run(day)));
            }
            for (Future<List<BotRun>> run : runs) {
                parallel.add(run.get());
            }
        }

        assertThat(parallel).allSatisfy(runs -> assertThat(runs).isEqualTo(alone));
    }

    /** trading-core's in-process run: PaperReplay's signals and orders, indicator-service's default indicators. */
    private static List<OrderUpdated> replay(List<BotDefinition> bots, List<KlineClosed> klines) {
        List<SignalGenerated> signals = new ArrayList<>();
        for (BotDefinition bot : bots) {
            List<KlineClosed> ofPair = klines.stream().filter(k -> k.symbol().equals(bot.symbol())).toList();
            signals.addAll(PaperReplay.signals(bot, ofPair, SERVICE_DEFAULT_INDICATORS));
        }
        return PaperReplay.orders(bots, klines, signals, symbol -> Optional.ofNullable(RULES.get(symbol)),
                PaperSettings.DEFAULTS, RiskLimits.DEFAULTS);
    }

    /** As the pipeline tests compare orders: JSON without the moment each was published. */
    private static List<String> comparable(List<OrderUpdated> orders) {
        return orders.stream().map(order -> EventCodec.encodeToString(PaperReplay.comparable(order))).toList();
    }

    private static BigDecimal realized(List<TrackedPosition> trades) {
        return trades.stream().map(trade -> trade.position().realizedPnl()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal realizedOfFills(List<OrderUpdated> orders) {
        return orders.stream().map(OrderUpdated::realizedPnl).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
