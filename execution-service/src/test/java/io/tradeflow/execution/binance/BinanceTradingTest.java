package io.tradeflow.execution.binance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.execution.Fixtures;
import io.tradeflow.execution.domain.BotRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * execution-service with a TESTNET bot whose account is {@link BinanceFuturesFake} (keys, REST and user stream, as
 * configured in production): the signal from signals.v1 becomes a MARKET entry, a stop-loss and a take-profit at the
 * fake, their events on orders.v1; when the market falls through the stop, the stop's fill (from the user stream) and
 * the take-profit's cancellation follow on orders.v1, and the account is flat with nothing left open; the keys are in
 * no event, metric or answer. A bot stopped with closePosition is closed on Binance at its next kline.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
// For every test of the module (one application boot, not two): the testnet account is this fake everywhere.
@QuarkusTestResource(value = BinanceFakeResource.class, restrictToAnnotatedClass = false)
class BinanceTradingTest {
    private static final Symbol SYMBOL = Symbol.of("EXECBINANCEUSDT");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    BotRegistry registry;
    @Inject
    BinanceVenues venues;
    @TestHTTPResource("/")
    URL base;

    @Test
    void aSignalTradesOnTheBinanceAccountAndTheStopsFillComesBackOnOrders() throws Exception {
        BinanceFuturesFake binance = BinanceFakeResource.binance;
        binance.listSymbol(SYMBOL.value()).mark(SYMBOL.value(), "35000.0");
        BotDefinition bot = Fixtures.bot("exec-binance", SYMBOL, Venue.TESTNET);
        Fixtures.send(bootstrap, List.of(bot));
        await().atMost(WAIT).until(() -> registry.get(bot.botId()).isPresent());
        await("the testnet account usable").atMost(WAIT).until(() -> venues.venue(Venue.TESTNET).isPresent());

        long now = System.currentTimeMillis();
        long open = now - now % 60_000 - 60_000;
        List<KlineClosed> klines = List.of(kline(open - 60_000), kline(open));
        SignalGenerated entry = new SignalGenerated(bot.botId(), "sma-crossover", SYMBOL, Interval.ONE_MINUTE, open,
                SignalAction.ENTER_LONG, new BigDecimal("35000.0"), new BigDecimal("34000.0"), new BigDecimal("36500.0"),
                "test", open + 59_999, now);
        Fixtures.send(bootstrap, klines);
        Fixtures.send(bootstrap, Fixtures.signalTopic(klines, List.of(entry)));

        await().atMost(WAIT).until(() -> orders(bot).containsAll(List.of("ENTRY NEW", "ENTRY FILLED",
                "STOP_LOSS NEW", "TAKE_PROFIT NEW")));
        assertThat(binance.openAlgoOrders()).as("the bracket at Binance").hasSize(2);
        assertThat(binance.position(SYMBOL.value()).orElseThrow().amount()).isEqualByComparingTo("0.028");

        binance.mark(SYMBOL.value(), "33900.0");

        await().atMost(WAIT).until(() -> orders(bot).containsAll(List.of("STOP_LOSS FILLED", "TAKE_PROFIT CANCELED")));
        assertThat(orders(bot)).as("each state once on orders.v1").doesNotHaveDuplicates();
        assertThat(binance.openAlgoOrders()).filteredOn(a -> a.symbol().equals(SYMBOL.value())).isEmpty();
        assertThat(binance.position(SYMBOL.value()).map(p -> p.amount().signum()).orElse(0)).isZero();
        keysAppearNowhere();
    }

    /** The account's key and secret are in no event on orders.v1, no metric and no REST answer of the service. */
    private void keysAppearNowhere() throws Exception {
        List<String> published = Fixtures.readAll(bootstrap, Topics.ORDERS).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
        String metrics = get("/q/metrics");
        String health = get("/q/health/ready");
        String reconciliation = get("/api/v1/reconciliation");
        assertThat(health).contains("binance-testnet");
        for (String secret : List.of(BinanceFuturesFake.DEFAULT_API_KEY, BinanceFuturesFake.DEFAULT_SECRET)) {
            assertThat(published).noneMatch(event -> event.contains(secret));
            assertThat(metrics + health + reconciliation).doesNotContain(secret);
        }
    }

    private String get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void aBotStoppedWithClosePositionIsClosedOnBinanceAtItsNextKline() {
        BinanceFuturesFake binance = BinanceFakeResource.binance;
        Symbol symbol = Symbol.of("EXECBINCLOSEUSDT");
        binance.listSymbol(symbol.value()).mark(symbol.value(), "35000.0");
        BotDefinition bot = Fixtures.bot("exec-binance-close", symbol, Venue.TESTNET);
        Fixtures.send(bootstrap, List.of(bot));
        await().atMost(WAIT).until(() -> registry.get(bot.botId()).isPresent());
        await("the testnet account usable").atMost(WAIT).until(() -> venues.venue(Venue.TESTNET).isPresent());
        long now = System.currentTimeMillis();
        long open = now - now % 60_000 - 120_000;
        List<KlineClosed> klines = List.of(kline(symbol, open - 60_000), kline(symbol, open));
        SignalGenerated entry = new SignalGenerated(bot.botId(), "sma-crossover", symbol, Interval.ONE_MINUTE, open,
                SignalAction.ENTER_LONG, new BigDecimal("35000.0"), new BigDecimal("34000.0"), new BigDecimal("36500.0"),
                "test", open + 59_999, now);
        Fixtures.send(bootstrap, klines);
        Fixtures.send(bootstrap, Fixtures.signalTopic(klines, List.of(entry)));
        await().atMost(WAIT).until(() -> orders(bot).containsAll(List.of("ENTRY FILLED", "TAKE_PROFIT NEW")));

        BotDefinition stopped = new BotDefinition(bot.botId(), bot.name(), bot.market(), bot.symbol(), bot.interval(),
                bot.strategy(), bot.risk(), bot.venue(), BotStatus.STOPPED, true, System.currentTimeMillis(),
                System.currentTimeMillis());
        Fixtures.send(bootstrap, List.of(stopped));
        await().atMost(WAIT).until(() -> registry.get(bot.botId()).map(BotDefinition::closePosition).orElse(false));
        List<KlineClosed> next = List.of(kline(symbol, open + 60_000));
        Fixtures.send(bootstrap, next);
        Fixtures.send(bootstrap, Fixtures.signalTopic(next, List.of()));

        await().atMost(WAIT).until(() -> orders(bot).containsAll(List.of("EXIT FILLED", "STOP_LOSS CANCELED",
                "TAKE_PROFIT CANCELED")));
        assertThat(binance.position(symbol.value()).map(p -> p.amount().signum()).orElse(0)).isZero();
        assertThat(binance.openAlgoOrders()).filteredOn(a -> a.symbol().equals(symbol.value())).isEmpty();
    }

    @Test
    void aCoinMSignalTradesOnTheAccountsCoinMSideWithItsStopsOnTheOrderEndpoint() {
        BinanceFuturesFake coinM = BinanceFakeResource.coinM;
        Symbol symbol = Symbol.of("BTCUSD_PERP");
        coinM.mark(symbol.value(), "35000.0");
        BotDefinition usdM = Fixtures.bot("exec-binance-coinm", symbol, Venue.TESTNET);
        BotDefinition bot = new BotDefinition(usdM.botId(), usdM.name(), Market.COIN_M, symbol, usdM.interval(),
                usdM.strategy(), new RiskSpec(new BigDecimal("0.01"), 10, MarginType.ISOLATED, 1), Venue.TESTNET,
                usdM.status(), false, usdM.eventTime(), usdM.producedAt());
        Fixtures.send(bootstrap, List.of(bot));
        await().atMost(WAIT).until(() -> registry.get(bot.botId()).isPresent());
        await("the testnet account usable").atMost(WAIT).until(() -> venues.venue(Venue.TESTNET).isPresent());
        long now = System.currentTimeMillis();
        long open = now - now % 60_000 - 60_000;
        List<KlineClosed> klines = List.of(kline(symbol, Market.COIN_M, open - 60_000),
                kline(symbol, Market.COIN_M, open));
        SignalGenerated entry = new SignalGenerated(bot.botId(), "sma-crossover", symbol, Interval.ONE_MINUTE, open,
                SignalAction.ENTER_LONG, new BigDecimal("35000.0"), new BigDecimal("34000.0"), new BigDecimal("36500.0"),
                "test", open + 59_999, now);
        Fixtures.send(bootstrap, klines);
        Fixtures.send(bootstrap, Fixtures.signalTopic(klines, List.of(entry)));

        await().atMost(WAIT).until(() -> orders(bot).containsAll(List.of("ENTRY FILLED", "STOP_LOSS NEW",
                "TAKE_PROFIT NEW")));
        assertThat(coinM.openOrders()).as("the bracket: stop orders on /dapi/v1/order").extracting(FakeState.Order::type)
                .containsExactlyInAnyOrder("STOP_MARKET", "TAKE_PROFIT_MARKET");
        assertThat(coinM.position(symbol.value()).orElseThrow().amount()).as("contracts").isEqualByComparingTo("35");

        coinM.mark(symbol.value(), "33900.0");

        await().atMost(WAIT).until(() -> orders(bot).containsAll(List.of("STOP_LOSS FILLED", "TAKE_PROFIT CANCELED")));
        assertThat(orders(bot)).as("each state once on orders.v1").doesNotHaveDuplicates();
        assertThat(coinM.openOrders()).isEmpty();
        assertThat(coinM.position(symbol.value()).map(p -> p.amount().signum()).orElse(0)).isZero();
    }

    /** "ROLE STATUS" of each of the bot's events on orders.v1, in order. */
    private List<String> orders(BotDefinition bot) {
        return Fixtures.readAll(bootstrap, Topics.ORDERS).stream()
                .map(record -> EventCodec.decode(record.value(), OrderUpdated.class))
                .filter(order -> order.botId().equals(bot.botId()))
                .map(order -> order.role() + " " + order.status()).toList();
    }

    private static KlineClosed kline(long openTime) {
        return kline(SYMBOL, openTime);
    }

    private static KlineClosed kline(Symbol symbol, long openTime) {
        return kline(symbol, Market.USD_M, openTime);
    }

    private static KlineClosed kline(Symbol symbol, Market market, long openTime) {
        BigDecimal price = new BigDecimal("35000.0");
        long close = Interval.ONE_MINUTE.closeTimeOf(openTime);
        return new KlineClosed(KlineSource.BINANCE, market, symbol, Interval.ONE_MINUTE, openTime, close, price,
                price, price, price, BigDecimal.TEN, new BigDecimal("350000"), 100, close + 10, System.currentTimeMillis());
    }
}
