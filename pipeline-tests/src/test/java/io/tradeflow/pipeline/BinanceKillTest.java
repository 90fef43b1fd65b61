package io.tradeflow.pipeline;

import io.tradeflow.service.codec.EventSerializer;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.Topics;
import io.tradeflow.devstack.DevStackExtension;
import io.tradeflow.devstack.Endpoints;
import io.tradeflow.execution.binance.BinanceFuturesFake;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * execution-service as a process, trading a TESTNET bot on a local Binance stand-in ({@link BinanceFuturesFake}, its
 * keys and URLs given as they are in production): the entry fills with its stop-loss and take-profit placed, then the
 * service is killed (kill -9) and, while it is down, the market falls through the stop. Started again, it takes up the
 * open bracket from PostgreSQL, reads what Binance did meanwhile and publishes the stop's fill and the target's
 * cancellation: every order event once on orders.v1, every order once at Binance, the account flat.
 */
@ExtendWith(DevStackExtension.class)
class BinanceKillTest {
    private static final Path WORK = Path.of(System.getProperty("tradeflow.repository", ".."))
            .toAbsolutePath().resolve("pipeline-tests/target/binance-kill");
    private static final Symbol SYMBOL = Symbol.of("PIPEBINKILLUSDT");
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void killedWithAnOpenBracketItBooksTheStopFilledWhileDownOnceAfterTheRestart(Endpoints endpoints) {
        BotDefinition paper = PaperPipeline.bot("pipe-binance-kill", SYMBOL);
        BotDefinition bot = new BotDefinition(paper.botId(), paper.name(), paper.market(), SYMBOL, paper.interval(),
                paper.strategy(), paper.risk(), Venue.TESTNET, BotStatus.RUNNING, false, paper.eventTime(),
                paper.producedAt());
        try (BinanceFuturesFake binance = new BinanceFuturesFake();
             var orders = new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.ORDERS, SYMBOL.value(),
                     OrderUpdated.class)) {
            binance.listSymbol(SYMBOL.value()).mark(SYMBOL.value(), "35000.0");
            produce(endpoints, List.of(bot));
            ServiceProcess execution = new ServiceProcess("execution-service", config(endpoints, binance));
            try {
                execution.start();
                long now = System.currentTimeMillis();
                long open = now - now % 60_000 - 60_000;
                List<KlineClosed> klines = List.of(kline(open - 60_000), kline(open));
                SignalGenerated entry = new SignalGenerated(bot.botId(), "sma-crossover", SYMBOL, Interval.ONE_MINUTE,
                        open, SignalAction.ENTER_LONG, new BigDecimal("35000.0"), new BigDecimal("34000.0"),
                        new BigDecimal("36500.0"), "test", open + 59_999, now);
                produce(endpoints, List.of(klines.get(0), klines.get(1)));
                produce(endpoints, List.of(watermark(klines.get(0)), entry, watermark(klines.get(1))));
                await().alias("the entry and its bracket on orders.v1").atMost(WAIT)
                        .until(() -> states(orders.poll()).containsAll(List.of("ENTRY FILLED", "STOP_LOSS NEW",
                                "TAKE_PROFIT NEW")));

                execution.kill();
                binance.mark(SYMBOL.value(), "33900.0");
                execution.start();

                await().alias("the stop's fill and the target's cancel on orders.v1 after the restart").atMost(WAIT)
                        .until(() -> states(orders.poll()).containsAll(List.of("STOP_LOSS FILLED",
                                "TAKE_PROFIT CANCELED")));
                List<String> ids = orders.poll().all().stream().map(OrderUpdated::eventId).toList();
                assertThat(ids).as("order events on orders.v1 (see pipeline-tests/target/service-logs)")
                        .doesNotHaveDuplicates();
                String entryId = orders.all().get(0).clientOrderId();
                assertThat(binance.orders().stream().filter(o -> o.clientOrderId().equals(entryId)))
                        .as("entries at Binance").hasSize(1);
                assertThat(binance.openAlgoOrders()).as("algo orders left open at Binance").isEmpty();
                assertThat(binance.position(SYMBOL.value()).map(p -> p.amount().signum()).orElse(0)).isZero();
            } finally {
                execution.close();
            }
        }
    }

    private static Map<String, String> config(Endpoints endpoints, BinanceFuturesFake binance) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers());
        config.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl());
        config.put("quarkus.datasource.username", endpoints.username());
        config.put("quarkus.datasource.password", endpoints.password());
        config.put("tradeflow.execution.symbol-rules.files", TestSymbolRules.writeExchangeInfo(
                WORK.resolve("test-symbols.json"), List.of(TestSymbolRules.btcusdtAs(SYMBOL))).toString());
        config.put("tradeflow.execution.binance.exchange-info-fetch", "false");
        config.put("tradeflow.execution.risk.max-signal-delay", "10m");
        String account = "tradeflow.execution.binance-accounts.testnet.";
        config.put(account + "api-key", BinanceFuturesFake.DEFAULT_API_KEY);
        config.put(account + "secret-key", BinanceFuturesFake.DEFAULT_SECRET);
        config.put(account + "rest-url", binance.restUrl());
        config.put(account + "user-stream-url", binance.userStreamUrl());
        return config;
    }

    /** "ROLE STATUS" of every order event read so far. */
    private static List<String> states(TopicRecords<OrderUpdated> orders) {
        return orders.all().stream().map(o -> o.role() + " " + o.status()).toList();
    }

    private static KlineClosed kline(long openTime) {
        BigDecimal price = new BigDecimal("35000.0");
        long close = Interval.ONE_MINUTE.closeTimeOf(openTime);
        return new KlineClosed(KlineSource.BINANCE, Market.USD_M, SYMBOL, Interval.ONE_MINUTE, openTime, close, price,
                price, price, price, BigDecimal.TEN, new BigDecimal("350000"), 100, close + 10, System.currentTimeMillis());
    }

    private static SignalWatermark watermark(KlineClosed kline) {
        return new SignalWatermark(SYMBOL, kline.interval(), kline.openTime(), kline.eventTime(),
                System.currentTimeMillis());
    }

    private static void produce(Endpoints endpoints, List<? extends Event> events) {
        try (var producer = new KafkaProducer<String, Event>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new EventSerializer())) {
            events.forEach(event -> producer.send(new ProducerRecord<>(Topics.of(event), event.key(), event)));
            producer.flush();
        }
    }
}
