package io.tradeflow.execution.binance;

import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.PaperVenue;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.execution.Fixtures;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static io.tradeflow.execution.binance.VenueScenario.describe;
import static io.tradeflow.execution.binance.VenueScenario.entry;
import static org.awaitility.Awaitility.await;

/**
 * The Trader on a COIN-M account ({@link BinanceFuturesFake#coinM()}): the entry at market on {@code /dapi/v1/order},
 * the stop-loss and take-profit resting on that same endpoint as STOP_MARKET and TAKE_PROFIT_MARKET orders (COIN-M
 * has no algo endpoint), a triggered stop filling itself and canceling its sibling, a crossed stop (-2021) closing at
 * market, a restart, and the inverse contract's fees and PnL in BTC.
 */
class BinanceCoinMVenueTest {
    private static final Symbol BTCUSD = Symbol.of("BTCUSD_PERP");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<OrderUpdated> published = new CopyOnWriteArrayList<>();
    private BinanceFuturesFake binance;
    private Vertx vertx;
    private BinanceRest rest;
    private UserStream stream;
    private BinanceVenue venue;
    private Trader trader;
    private SymbolRules rules;

    @BeforeEach
    void start() throws Exception {
        binance = BinanceFuturesFake.coinM();
        binance.mark(BTCUSD.value(), "35000.0");
        vertx = Vertx.vertx();
        rest = FakeClient.of(binance);
        try (InputStream in = BinanceCoinMVenueTest.class.getResourceAsStream("/exchange-info/coinm.json")) {
            rules = BinanceExchangeInfo.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Market.COIN_M,
                    "coinm.json").rules().get(BTCUSD);
        }
        venue = venue();
        trader = trader(venue);
        stream = VenueScenario.stream(binance, rest, vertx, venue, published);
        await().atMost(WAIT).until(stream::connected);
    }

    @AfterEach
    void stop() {
        stream.close();
        rest.close();
        vertx.close();
        binance.close();
    }

    @Test
    void anEntryRestsItsStopAndTargetOnTheOrderEndpointAndTheStopFillingCancelsTheTarget() {
        BotDefinition bot = coinMBot("cm-bracket");

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        // 0.01 BTC at 10x at 35000: 0.1 BTC of exposure, 3500 USD, 35 contracts of 100 USD.
        assertThat(describe(decision.orders())).startsWith("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 35",
                "STOP_LOSS STOP_MARKET NEW 0", "TAKE_PROFIT TAKE_PROFIT_MARKET NEW 0");
        OrderUpdated entryFill = decision.orders().get(1);
        assertThat(entryFill.marginAsset()).isEqualTo("BTC");
        assertThat(entryFill.feeAsset()).isEqualTo("BTC");
        assertThat(binance.requests()).as("nothing on an algo endpoint, nothing under /fapi")
                .allSatisfy(r -> assertThat(r.path()).startsWith("/dapi/v1/").doesNotContain("algo"));
        assertThat(binance.openOrders()).extracting(FakeState.Order::type, FakeState.Order::stopPrice)
                .containsExactlyInAnyOrder(tuple("STOP_MARKET", new BigDecimal("34000.0")),
                        tuple("TAKE_PROFIT_MARKET", new BigDecimal("36500.0")));
        assertThat(venue.position(bot.botId()).orElseThrow().quantity()).isEqualByComparingTo("35");

        binance.mark(BTCUSD.value(), "33900.0");

        await().atMost(WAIT).until(() -> describe(published).containsAll(List.of("STOP_LOSS STOP_MARKET FILLED 35",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0")));
        OrderUpdated stopFill = published.stream().filter(o -> o.status() == OrderStatus.FILLED).findFirst().orElseThrow();
        FakeState.Trade stopTrade = binance.trades().getLast();
        assertThat(stopFill.realizedPnl()).as("Binance's rp, in BTC").isEqualByComparingTo(stopTrade.realizedPnl())
                .isNegative();
        assertThat(stopFill.exchangeOrderId()).as("the stop order filled itself: its own id")
                .isEqualTo(String.valueOf(stopTrade.orderId()));
        assertThat(describe(published)).as("the stop's expiry as it triggers (reason 8) is no end of it: no EXPIRED,"
                + " no close at market of our own").doesNotContain("STOP_LOSS STOP_MARKET EXPIRED 0")
                .noneMatch(event -> event.startsWith("STOP_LOSS MARKET"));
        assertThat(binance.openOrders()).isEmpty();
        assertThat(venue.position(bot.botId())).isEmpty();
    }

    @Test
    void aStopWhoseTriggerIsAlreadyCrossedClosesThePositionAtMarketAtOnce() {
        BotDefinition bot = coinMBot("cm-crossed");
        binance.mark(BTCUSD.value(), "34800.0");

        Trader.Decision decision = signal(bot, "35000.0", "34900.0", "35500.0");

        List<String> described = describe(decision.orders());
        assertThat(described).startsWith("ENTRY MARKET NEW 0");
        assertThat(described).contains("STOP_LOSS STOP_MARKET REJECTED 0", "STOP_LOSS MARKET NEW 0",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(decision.orders().stream().filter(o -> o.status() == OrderStatus.REJECTED).findFirst().orElseThrow()
                .rejectReason()).startsWith("-2021");
        assertThat(binance.position(BTCUSD.value()).map(p -> p.amount().signum()).orElse(0)).isZero();
        assertThat(binance.openOrders()).isEmpty();
        assertThat(venue.position(bot.botId())).isEmpty();
    }

    @Test
    void aRestartTakesUpTheRestingStopsAndBooksTheStopThatFilledWhileDown() {
        BotDefinition bot = coinMBot("cm-restart");
        List<OrderUpdated> placed = signal(bot, "35000.0", "34000.0", "36500.0").orders();
        List<VenueOrder> stored = placed.stream().filter(e -> e.status() == OrderStatus.NEW && e.type() != null
                && !e.type().name().equals("MARKET")).map(e -> new VenueOrder(e.clientOrderId(), e.signalId(),
                e.botId(), e.symbol(), e.role(), e.side(), e.type(), e.quantity(), e.triggerPrice(), e.reduceOnly(),
                e.status(), e.filledQuantity(), e.averagePrice(), e.eventTime(), e.closeReason(), e.exchangeOrderId()))
                .toList();
        assertThat(stored).hasSize(2);
        stream.close();
        binance.mark(BTCUSD.value(), "33900.0");

        BinanceVenue restarted = venue();
        restarted.restore(stored, id -> Optional.of(bot), symbol -> Optional.of(rules));
        restarted.recover();

        assertThat(describe(restarted.drainEvents())).containsExactly("STOP_LOSS STOP_MARKET FILLED 35",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(restarted.position(bot.botId())).as("flat at Binance, flat here").isEmpty();
        assertThat(binance.openOrders()).isEmpty();
    }

    @Test
    void aStopCanceledAtBinanceIsBookedCanceledFromTheStream() throws Exception {
        BotDefinition bot = coinMBot("cm-canceled");
        String stop = signal(bot, "35000.0", "34000.0", "36500.0").orders().get(2).clientOrderId();

        // Someone cancels the stop on Binance's website.
        Map<String, String> cancel = new LinkedHashMap<>();
        cancel.put("symbol", BTCUSD.value());
        cancel.put("origClientOrderId", stop);
        rest.delete("/dapi/v1/order", cancel, BinanceRest.Security.SIGNED);

        await().atMost(WAIT).until(() -> describe(published).contains("STOP_LOSS STOP_MARKET CANCELED 0"));
        assertThat(venue.position(bot.botId())).as("a cancel closes nothing").isPresent();
        assertThat(binance.openOrders()).extracting(FakeState.Order::type).containsExactly("TAKE_PROFIT_MARKET");
    }

    @Test
    void reconciliationFindsTheRestingStopsAsOursAndNothingElse() throws Exception {
        BotDefinition bot = coinMBot("cm-recon");
        signal(bot, "35000.0", "34000.0", "36500.0");

        BinanceOrders.AccountState state = new BinanceOrders(rest, BinanceOrders.Conditions.DEFAULT,
                Duration.ofMillis(100)).accountState();

        assertThat(state.market()).isEqualTo(Market.COIN_M);
        assertThat(state.orders()).hasSize(2);
        assertThat(venue.reconcile(state)).isEmpty();
    }

    @Test
    void anAccountThatDoesNotTradeCoinMDeniesItsEntriesAndSaysHowToTurnItOn() {
        BinanceFuturesFake usdM = new BinanceFuturesFake();
        try (BinanceRest usdMRest = FakeClient.of(usdM)) {
            BinanceVenue usdMOnly = new BinanceVenue(Venue.TESTNET, new BinanceOrders(usdMRest,
                    BinanceOrders.Conditions.DEFAULT, Duration.ofMillis(100)), order -> true, Duration.ofSeconds(2),
                    System::currentTimeMillis);
            BotDefinition bot = coinMBot("cm-off");

            Trader.Decision decision = trader(usdMOnly).onSignal(entry(bot, "35000.0", "34000.0", "36500.0"), bot,
                    System.currentTimeMillis());

            assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
            assertThat(decision.orders().get(0).denyReason()).isEqualTo("venue-unavailable");
            assertThat(decision.detail()).contains("coin-m=true");
            assertThat(binance.orders()).isEmpty();
        } finally {
            usdM.close();
        }
    }

    /** A RUNNING COIN-M bot: 0.01 BTC of margin at 10x. */
    private static BotDefinition coinMBot(String botId) {
        BotDefinition usdM = Fixtures.bot(botId, BTCUSD, Venue.TESTNET);
        return new BotDefinition(usdM.botId(), usdM.name(), Market.COIN_M, BTCUSD, usdM.interval(), usdM.strategy(),
                new RiskSpec(new BigDecimal("0.01"), 10, MarginType.ISOLATED, 1), Venue.TESTNET, usdM.status(), false,
                usdM.eventTime(), usdM.producedAt());
    }

    private BinanceVenue venue() {
        return new BinanceVenue(Venue.TESTNET, new BinanceOrders(rest, BinanceOrders.Conditions.DEFAULT,
                Duration.ofMillis(100)), order -> true, Duration.ofSeconds(2), System::currentTimeMillis);
    }

    private Trader trader(BinanceVenue binanceVenue) {
        return new Trader(kind -> kind == Venue.TESTNET ? Optional.of(binanceVenue) : Optional.empty(),
                symbol -> Optional.of(rules), RiskLimits.DEFAULTS, new PaperVenue(PaperSettings.DEFAULTS,
                symbol -> Optional.of(rules), System::currentTimeMillis), System::currentTimeMillis);
    }

    private Trader.Decision signal(BotDefinition bot, String reference, String stop, String target) {
        return trader.onSignal(entry(bot, reference, stop, target), bot, System.currentTimeMillis());
    }
}
