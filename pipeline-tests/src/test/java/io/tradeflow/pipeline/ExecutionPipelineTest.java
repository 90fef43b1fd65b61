package io.tradeflow.pipeline;

import io.tradeflow.backtest.Backtest;
import io.tradeflow.backtest.BacktestSettings;
import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.execution.PaperReplay;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.DevStackExtension;
import io.tradeflow.devstack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole paper-trading pipeline as deployed: market-data-service replays a recorded real day at speed
 * {@code max} from a CSV file, indicator-, signal- and execution-service ({@code java -jar}, on the devstack's Kafka,
 * Redis and PostgreSQL) turn it into a paper bot's orders, and {@code orders.v1} holds exactly the orders of the
 * in-process run of trading-core (strategy, Trader, paper venue) over the same klines, in order, and exactly the orders
 * and realized PnL of the backtest engine ({@code bin/backtest}'s) for the same bot, day and settings. Then the same
 * with execution-service killed ({@code kill -9}) halfway and started again, and with every signal delivered twice.
 *
 * <p>One set of indicator, signal and execution processes ({@link PaperPipeline}) serves every scenario;
 * market-data-service replays its files once, at start, so each scenario starts one for its own file. Each scenario
 * trades a symbol of its own (the topics are shared).
 */
@ExtendWith(DevStackExtension.class)
class ExecutionPipelineTest {
    private static final Path WORK = Path.of(System.getProperty("tradeflow.repository", ".."))
            .toAbsolutePath().resolve("pipeline-tests/target/execution-pipeline");

    private static final BotDefinition STRAIGHT = PaperPipeline.bot("exec-pipeline-straight", Symbol.of("PIPEEXECUSDT"));
    private static final BotDefinition KILLED = PaperPipeline.bot("exec-pipeline-killed", Symbol.of("PIPEEXECKILLUSDT"));
    private static final BotDefinition TWICE = PaperPipeline.bot("exec-pipeline-twice", Symbol.of("PIPEEXECTWICEUSDT"));

    private static Endpoints endpoints;
    private static PaperPipeline pipeline;

    @BeforeAll
    static void startServices(Endpoints devstack) {
        endpoints = devstack;
        pipeline = PaperPipeline.start(endpoints, WORK, List.of(STRAIGHT, KILLED, TWICE), List.of());
    }

    @AfterAll
    static void stopServices() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aRecordedDayReplayedAtMaxSpeedGivesTheOrdersOfTheInProcessRun() {
        Expected expected = Expected.of(STRAIGHT, RecordedDay.closed(STRAIGHT.symbol()));

        try (var klines = records(Topics.KLINES, STRAIGHT, KlineClosed.class);
             var signals = records(Topics.SIGNALS, STRAIGHT, SignalGenerated.class);
             var orders = records(Topics.ORDERS, STRAIGHT, OrderUpdated.class);
             var marketData = pipeline.replay(STRAIGHT)) {
            awaitQuiet(orders, STRAIGHT, expected.orders().size());
            await().atMost(Duration.ofSeconds(30)).until(() -> klines.poll().all().size() >= expected.klines().size()
                    && signals.poll().all().size() >= expected.signals().size());

            assertThat(comparableKlines(klines.all())).as("market-data-service's klines are the file's")
                    .containsExactlyElementsOf(comparableKlines(expected.klines()));
            assertThat(Expected.of(STRAIGHT, klines.all()).orders())
                    .as("the in-process run over the published klines (their own producedAt) gives the same orders")
                    .containsExactlyElementsOf(expected.orders());
            assertThat(comparableSignals(signals.all())).containsExactlyElementsOf(comparableSignals(expected.signals()));
            assertThat(comparableOrders(ordersOf(orders, STRAIGHT))).containsExactlyElementsOf(expected.orders());

            BotRun backtest = backtest(STRAIGHT);
            assertThat(comparableOrders(ordersOf(orders, STRAIGHT)))
                    .as("the services' orders and the backtest engine's for the same bot, day and settings")
                    .containsExactlyElementsOf(comparableOrders(backtest.orders()));
            BigDecimal servicesRealized = ordersOf(orders, STRAIGHT).stream().map(OrderUpdated::realizedPnl)
                    .filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal backtestRealized = backtest.trades().stream().map(trade -> trade.position().realizedPnl())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(servicesRealized).as("realized PnL of the services' fills (%s) and of the backtest's closed "
                    + "positions (%s)", servicesRealized, backtestRealized).isEqualByComparingTo(backtestRealized);
            assertThat(backtest.trades()).as("the backtest's closed positions").hasSizeGreaterThan(3);
        }
    }

    /**
     * The backtest engine over the recorded day for {@code bot}, with what the services run here: the test's symbol
     * rules, execution-service's paper settings and risk limits. The backtest computes the bot's own indicators only,
     * the services indicator-service's defaults too: the orders must not differ.
     */
    static BotRun backtest(BotDefinition bot) {
        BacktestSettings settings = BacktestSettings.of(PaperSettings.DEFAULTS,
                Map.of(bot.symbol(), TestSymbolRules.btcusdtAs(bot.symbol())));
        return new Backtest(List.of(bot), settings).run(LoadedKlines.of(RecordedDay.closed(bot.symbol()))).getFirst();
    }

    @Test
    void executionServiceKilledHalfwayPublishesEveryOrderOnce() {
        Expected expected = Expected.of(KILLED, RecordedDay.closed(KILLED.symbol()));
        int half = expected.orders().size() / 2;

        try (var orders = records(Topics.ORDERS, KILLED, OrderUpdated.class);
             var marketData = pipeline.replay(KILLED)) {
            await().alias("half of the orders on orders.v1").atMost(Duration.ofMinutes(2))
                    .until(() -> ordersOf(orders.poll(), KILLED).size() >= half);
            pipeline.executionService().kill();
            int atKill = drain(orders, KILLED);
            pipeline.executionService().start();
            awaitQuiet(orders, KILLED, expected.orders().size());

            List<OrderUpdated> published = ordersOf(orders, KILLED);
            assertThat(atKill).as("orders on orders.v1 when execution-service was killed (of %d)", expected.orders().size())
                    .isBetween(1, expected.orders().size() - 1);
            assertThat(duplicates(published))
                    .as("order events published twice (see pipeline-tests/target/service-logs/execution-service-*.log)").isEmpty();
            assertThat(comparableOrders(published)).containsExactlyElementsOf(expected.orders());
        }
    }

    @Test
    void everySignalDeliveredTwiceGivesEveryOrderOnce() {
        Expected expected = Expected.of(TWICE, RecordedDay.closed(TWICE.symbol()));

        try (var signals = records(Topics.SIGNALS, TWICE, SignalGenerated.class);
             var orders = records(Topics.ORDERS, TWICE, OrderUpdated.class);
             var echo = new SignalEcho(endpoints.kafkaBootstrapServers(), TWICE.symbol().value(), TWICE.botId());
             var marketData = pipeline.replay(TWICE)) {
            await().alias("every signal echoed and every order on orders.v1").atMost(Duration.ofMinutes(2))
                    .until(() -> echo.poll().echoed() >= expected.signals().size()
                            && ordersOf(orders.poll(), TWICE).size() >= expected.orders().size());
            awaitQuiet(orders, TWICE, expected.orders().size());
            await().atMost(Duration.ofSeconds(30)).until(() -> signals.poll().all().size() >= 2 * expected.signals().size());

            assertThat(signals.all()).as("every signal twice on signals.v1").hasSize(2 * expected.signals().size());
            assertThat(comparableSignals(signals.distinct())).containsExactlyElementsOf(comparableSignals(expected.signals()));
            assertThat(duplicates(ordersOf(orders, TWICE))).as("order events published twice").isEmpty();
            assertThat(comparableOrders(ordersOf(orders, TWICE))).containsExactlyElementsOf(expected.orders());
        }
    }

    /** The in-process run: trading-core's series, strategy, Trader and paper venue over the klines, never interrupted. */
    private record Expected(List<KlineClosed> klines, List<SignalGenerated> signals, List<String> orders) {
        static Expected of(BotDefinition bot, List<KlineClosed> klines) {
            List<SignalGenerated> signals = PaperPipeline.signals(bot, klines);
            List<String> orders = comparableOrders(pipeline.orders(bot, klines, signals));
            assertThat(orders).as("the day must trade: entries, brackets, fills").hasSizeGreaterThan(10);
            return new Expected(klines, signals, orders);
        }
    }

    /** Waits for the expected number of the bot's orders, then a little longer, so that an extra (duplicate) one would show. */
    private static void awaitQuiet(TopicRecords<OrderUpdated> orders, BotDefinition bot, int expected) {
        await().alias(expected + " orders of " + bot.botId() + " on orders.v1").atMost(Duration.ofMinutes(2))
                .until(() -> ordersOf(orders.poll(), bot).size() >= expected);
        drain(orders, bot);
    }

    /** Reads for 3 s, long enough for what a process had in flight to arrive; returns the bot's orders read by then. */
    private static int drain(TopicRecords<OrderUpdated> orders, BotDefinition bot) {
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            orders.poll();
        }
        return ordersOf(orders, bot).size();
    }

    private static <T extends Event> TopicRecords<T> records(String topic, BotDefinition bot, Class<T> type) {
        return new TopicRecords<>(endpoints.kafkaBootstrapServers(), topic, bot.symbol().value(), type);
    }

    private static List<OrderUpdated> ordersOf(TopicRecords<OrderUpdated> orders, BotDefinition bot) {
        return orders.all().stream().filter(order -> order.botId().equals(bot.botId())).toList();
    }

    /** Event ids that occur more than once, with their count. */
    private static Map<String, Long> duplicates(List<OrderUpdated> orders) {
        Map<String, Long> counts = new LinkedHashMap<>();
        orders.forEach(order -> counts.merge(order.eventId(), 1L, Long::sum));
        counts.values().removeIf(count -> count == 1);
        return counts;
    }

    /** Order events as JSON without the moment they were published ({@link PaperReplay#comparable}). */
    private static List<String> comparableOrders(List<OrderUpdated> orders) {
        return orders.stream().map(order -> EventCodec.encodeToString(PaperReplay.comparable(order))).toList();
    }

    private static List<String> comparableSignals(List<SignalGenerated> signals) {
        return signals.stream().map(s -> EventCodec.encodeToString(new SignalGenerated(s.botId(), s.strategy(), s.symbol(),
                s.interval(), s.klineOpenTime(), s.action(), s.referencePrice(), s.stopLoss(), s.takeProfit(), s.reason(),
                s.eventTime(), 1))).toList();
    }

    private static List<String> comparableKlines(List<KlineClosed> klines) {
        return klines.stream().map(k -> EventCodec.encodeToString(new KlineClosed(k.source(), k.market(), k.symbol(),
                k.interval(), k.openTime(), k.closeTime(), k.open(), k.high(), k.low(), k.close(), k.volume(),
                k.quoteVolume(), k.trades(), k.eventTime(), 1))).toList();
    }
}
