package io.tradeflow.pipeline;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.codec.EventSerializer;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.execution.PaperReplay;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.devstack.DevStackExtension;
import io.tradeflow.devstack.Endpoints;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole paper-trading pipeline as deployed: market-data-service replays a recorded real day at speed
 * {@code max} from a CSV file, indicator-, signal- and execution-service ({@code java -jar}, on the devstack's Kafka,
 * Redis and PostgreSQL) turn it into a paper bot's orders, and {@code orders.v1} holds exactly the orders of the
 * in-process run of trading-core (strategy, Trader, paper venue) over the same klines, in order. Then the same with
 * execution-service killed ({@code kill -9}) halfway and started again, and with every signal delivered twice.
 *
 * <p>One set of indicator, signal and execution processes serves every scenario; market-data-service replays its
 * files once, at start, so each scenario starts one for its own file. Each scenario trades a symbol of its own (the
 * topics are shared); symbol rules for them are written for execution-service by the test ({@link TestSymbolRules}).
 */
@ExtendWith(DevStackExtension.class)
class ExecutionPipelineTest {
    /** indicator-service's configured defaults; the in-process run needs the same set to compute equal signals. */
    private static final List<String> DEFAULT_INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)");
    /** Small periods so that the day has crosses, and so entries, brackets and exits, to trade. */
    private static final Map<String, String> PARAMS = Map.of("fast", "5", "slow", "20", "confirmationCandles", "1",
            "minSignalIntervalMinutes", "15", "pivotLookback", "10");
    private static final String RECORDED_DAY = "BTCUSDT-1m-2023-11-15.csv";
    private static final Path WORK = Path.of(System.getProperty("tradeflow.repository", ".."))
            .toAbsolutePath().resolve("pipeline-tests/target/execution-pipeline");

    private static final BotDefinition STRAIGHT = bot("exec-pipeline-straight", Symbol.of("PIPEEXECUSDT"));
    private static final BotDefinition KILLED = bot("exec-pipeline-killed", Symbol.of("PIPEEXECKILLUSDT"));
    private static final BotDefinition TWICE = bot("exec-pipeline-twice", Symbol.of("PIPEEXECTWICEUSDT"));
    private static final List<SymbolRules> RULES = Stream.of(STRAIGHT, KILLED, TWICE)
            .map(bot -> TestSymbolRules.btcusdtAs(bot.symbol())).toList();

    private static Endpoints endpoints;
    private static ServiceProcess indicatorService;
    private static ServiceProcess signalService;
    private static ServiceProcess executionService;

    @BeforeAll
    static void startServices(Endpoints devstack) {
        endpoints = devstack;
        Path rulesFile = TestSymbolRules.writeExchangeInfo(WORK.resolve("test-symbols.json"), RULES);
        // Bots first: every service reads bots.v1 to its end before it takes its first input.
        produceBots(List.of(STRAIGHT, KILLED, TWICE));
        Map<String, String> streams = Map.of("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers(),
                "quarkus.redis.hosts", endpoints.redisUrl());
        Map<String, String> execution = new LinkedHashMap<>();
        execution.put("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers());
        execution.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl());
        execution.put("quarkus.datasource.username", endpoints.username());
        execution.put("quarkus.datasource.password", endpoints.password());
        execution.put("tradeflow.execution.symbol-rules.files", rulesFile.toString());
        execution.put("tradeflow.execution.binance.exchange-info-fetch", "false");
        // The in-process run receives every signal the moment it is produced. Here a signal waits for the restart
        // after kill -9 (and, on a busy machine, behind a day of klines): with the 30 s default, entries would be
        // denied as stale (trading-core's DenialsTest) and the runs would differ for that reason alone.
        execution.put("tradeflow.execution.risk.max-signal-delay", "10m");
        indicatorService = new ServiceProcess("indicator-service", streams);
        signalService = new ServiceProcess("signal-service", streams);
        executionService = new ServiceProcess("execution-service", execution);
        // Started side by side: each waits for its own readiness, and the three do not depend on one another.
        CompletableFuture.allOf(Stream.of(indicatorService, signalService, executionService)
                .map(service -> CompletableFuture.runAsync(service::start)).toArray(CompletableFuture[]::new)).join();
    }

    @AfterAll
    static void stopServices() {
        for (ServiceProcess service : new ServiceProcess[] {executionService, signalService, indicatorService}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void aRecordedDayReplayedAtMaxSpeedGivesTheOrdersOfTheInProcessRun() {
        Expected expected = Expected.of(STRAIGHT, RecordedDay.klines(STRAIGHT.symbol()));

        try (var klines = records(Topics.KLINES, STRAIGHT, KlineClosed.class);
             var signals = records(Topics.SIGNALS, STRAIGHT, SignalGenerated.class);
             var orders = records(Topics.ORDERS, STRAIGHT, OrderUpdated.class);
             var marketData = replay(STRAIGHT)) {
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
        }
    }

    @Test
    void executionServiceKilledHalfwayPublishesEveryOrderOnce() {
        Expected expected = Expected.of(KILLED, RecordedDay.klines(KILLED.symbol()));
        int half = expected.orders().size() / 2;

        try (var orders = records(Topics.ORDERS, KILLED, OrderUpdated.class);
             var marketData = replay(KILLED)) {
            await().alias("half of the orders on orders.v1").atMost(Duration.ofMinutes(2))
                    .until(() -> ordersOf(orders.poll(), KILLED).size() >= half);
            executionService.kill();
            int atKill = drain(orders, KILLED);
            executionService.start();
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
        Expected expected = Expected.of(TWICE, RecordedDay.klines(TWICE.symbol()));

        try (var signals = records(Topics.SIGNALS, TWICE, SignalGenerated.class);
             var orders = records(Topics.ORDERS, TWICE, OrderUpdated.class);
             var echo = new SignalEcho(endpoints.kafkaBootstrapServers(), TWICE.symbol().value(), TWICE.botId());
             var marketData = replay(TWICE)) {
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
            List<SignalGenerated> signals = PaperReplay.signals(bot, klines, DEFAULT_INDICATORS);
            List<String> orders = comparableOrders(PaperReplay.orders(List.of(bot), klines, signals,
                    TestSymbolRules.lookup(RULES), PaperSettings.DEFAULTS, RiskLimits.DEFAULTS));
            assertThat(orders).as("the day must trade: entries, brackets, fills").hasSizeGreaterThan(10);
            return new Expected(klines, signals, orders);
        }
    }

    /**
     * Starts a market-data-service that replays the recorded day, as {@code <SYMBOL>-1m-2023-11-15.csv} (the
     * service takes symbol and interval from the file name), at speed max. Closing it stops the process.
     */
    private static ServiceProcess replay(BotDefinition bot) {
        Path file = WORK.resolve(bot.symbol().value() + RECORDED_DAY.substring(RECORDED_DAY.indexOf('-')));
        try (InputStream in = ExecutionPipelineTest.class.getResourceAsStream("/klines/" + RECORDED_DAY)) {
            Files.createDirectories(WORK);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceProcess("market-data-service", Map.of(
                "kafka.bootstrap.servers", endpoints.kafkaBootstrapServers(),
                "quarkus.redis.hosts", endpoints.redisUrl(),
                "tradeflow.market-data.source", "replay",
                "tradeflow.market-data.replay.files", file.toString(),
                "tradeflow.market-data.replay.speed", "max")).start();
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

    private static void produceBots(List<BotDefinition> bots) {
        try (var producer = new KafkaProducer<String, Event>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new EventSerializer())) {
            bots.forEach(bot -> producer.send(new ProducerRecord<>(Topics.BOTS, bot.key(), bot)));
            producer.flush();
        }
    }

    /** A RUNNING sma-crossover paper bot on USD-M with the golden definition's risk (margin 100, leverage 10). */
    private static BotDefinition bot(String botId, Symbol symbol) {
        try (InputStream in = ExecutionPipelineTest.class.getResourceAsStream("/events/BotDefinition.json")) {
            BotDefinition golden = EventCodec.decode(in.readAllBytes(), BotDefinition.class);
            long now = System.currentTimeMillis();
            return new BotDefinition(botId, "pipeline " + botId, Market.USD_M, symbol, Interval.ONE_MINUTE,
                    new StrategySpec("sma-crossover", PARAMS), golden.risk(), Venue.PAPER, BotStatus.RUNNING, now, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
