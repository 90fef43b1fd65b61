package io.tradeflow.pipeline;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.service.codec.EventSerializer;
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
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.Endpoints;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The paper-trading pipeline as deployed, for the test classes that run it: indicator-, signal- and execution-service
 * ({@code java -jar} on the devstack's Kafka, Redis and PostgreSQL), the test's paper bots on {@code bots.v1},
 * market-data-service replaying the recorded day at speed {@code max}, and the in-process run of trading-core
 * (strategy, Trader, paper venue) over the same klines that the services' output is compared with.
 *
 * <p>Each test class starts its own set and closes it in {@code @AfterAll}: two instances of a service in one consumer
 * group would split the partitions between them. Each bot trades a symbol of its own (the topics are shared); symbol
 * rules for them are written for execution-service ({@link TestSymbolRules}).
 */
final class PaperPipeline implements AutoCloseable {
    /** indicator-service's configured defaults; the in-process run needs the same set to compute equal signals. */
    private static final List<String> DEFAULT_INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)");
    /** Small periods so that the day has crosses, and so entries, brackets and exits, to trade. */
    private static final Map<String, String> PARAMS = Map.of("fast", "5", "slow", "20", "confirmationCandles", "1",
            "minSignalIntervalMinutes", "15", "pivotLookback", "10");

    private final Endpoints endpoints;
    private final Path work;
    private final List<SymbolRules> rules;
    private final List<ServiceProcess> services;
    private final ServiceProcess executionService;

    private PaperPipeline(Endpoints endpoints, Path work, List<SymbolRules> rules, List<ServiceProcess> services,
            ServiceProcess executionService) {
        this.endpoints = endpoints;
        this.work = work;
        this.rules = rules;
        this.services = services;
        this.executionService = executionService;
    }

    /**
     * Publishes the bots, then starts indicator-, signal- and execution-service and {@code more} side by side (each
     * waits for its own readiness; none depends on another).
     *
     * @param work a folder of the test class's own under {@code target}, for the rules and replay files
     */
    static PaperPipeline start(Endpoints endpoints, Path work, List<BotDefinition> bots, List<ServiceProcess> more) {
        List<SymbolRules> rules = bots.stream().map(bot -> TestSymbolRules.btcusdtAs(bot.symbol())).toList();
        Path rulesFile = TestSymbolRules.writeExchangeInfo(work.resolve("test-symbols.json"), rules);
        // Bots first: every service reads bots.v1 to its end before it takes its first input.
        produceBots(endpoints, bots);
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
        ServiceProcess executionService = new ServiceProcess("execution-service", execution);
        List<ServiceProcess> services = new ArrayList<>(List.of(new ServiceProcess("indicator-service", streams),
                new ServiceProcess("signal-service", streams), executionService));
        services.addAll(more);
        PaperPipeline pipeline = new PaperPipeline(endpoints, work, rules, List.copyOf(services), executionService);
        try {
            CompletableFuture.allOf(services.stream().map(service -> CompletableFuture.runAsync(service::start))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    ServiceProcess executionService() {
        return executionService;
    }

    /**
     * Starts a market-data-service that replays the recorded day, as {@code <SYMBOL>-1m-2023-11-15.csv} (the
     * service takes symbol and interval from the file name), at speed max. Closing it stops the process.
     */
    ServiceProcess replay(BotDefinition bot) {
        String dayName = RecordedDay.FILE_NAME;
        Path file = RecordedDay.writeTo(work.resolve(bot.symbol().value() + dayName.substring(dayName.indexOf('-'))));
        return new ServiceProcess("market-data-service", Map.of(
                "kafka.bootstrap.servers", endpoints.kafkaBootstrapServers(),
                "quarkus.redis.hosts", endpoints.redisUrl(),
                "tradeflow.market-data.source", "replay",
                "tradeflow.market-data.replay.files", file.toString(),
                "tradeflow.market-data.replay.speed", "max")).start();
    }

    /** The bot's signals over the klines in-process, as signal-service publishes them. */
    static List<SignalGenerated> signals(BotDefinition bot, List<KlineClosed> klines) {
        return PaperReplay.signals(bot, klines, DEFAULT_INDICATORS);
    }

    /** The bot's order events of the in-process run over the klines and their signals ({@code producedAt} 1). */
    List<OrderUpdated> orders(BotDefinition bot, List<KlineClosed> klines, List<SignalGenerated> signals) {
        return orders(bot, klines, signals, rules);
    }

    /**
     * The same with these symbol rules (and none for any other symbol), execution-service's defaults for the paper
     * venue and the risk limits.
     */
    static List<OrderUpdated> orders(BotDefinition bot, List<KlineClosed> klines, List<SignalGenerated> signals,
            List<SymbolRules> rules) {
        return PaperReplay.orders(List.of(bot), klines, signals, TestSymbolRules.lookup(rules), PaperSettings.DEFAULTS,
                RiskLimits.DEFAULTS);
    }

    /** Stops the services, last started first. */
    @Override
    public void close() {
        services.reversed().forEach(ServiceProcess::close);
    }

    /** A RUNNING sma-crossover paper bot on USD-M with the golden definition's risk (margin 100, leverage 10). */
    static BotDefinition bot(String botId, Symbol symbol) {
        try (InputStream in = PaperPipeline.class.getResourceAsStream("/events/BotDefinition.json")) {
            BotDefinition golden = EventCodec.decode(in.readAllBytes(), BotDefinition.class);
            long now = System.currentTimeMillis();
            return new BotDefinition(botId, "pipeline " + botId, Market.USD_M, symbol, Interval.ONE_MINUTE,
                    new StrategySpec("sma-crossover", PARAMS), golden.risk(), Venue.PAPER, BotStatus.RUNNING, false, now, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void produceBots(Endpoints endpoints, List<BotDefinition> bots) {
        try (var producer = new KafkaProducer<String, Event>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new EventSerializer())) {
            bots.forEach(bot -> producer.send(new ProducerRecord<>(Topics.BOTS, bot.key(), bot)));
            producer.flush();
        }
    }
}
