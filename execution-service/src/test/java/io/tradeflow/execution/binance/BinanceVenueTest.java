package io.tradeflow.execution.binance;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tradeflow.execution.binance.VenueScenario.describe;
import static io.tradeflow.execution.binance.VenueScenario.entry;
import static org.awaitility.Awaitility.await;

/**
 * The Binance venue under trading-core's Trader, against {@link BinanceFuturesFake} over signed REST and the user data
 * stream: the entry with its stop-loss and take-profit, a bracket triggered by the market (its child's fill arriving
 * before or after the algo update) cancelling the other, a rejected entry, a stop whose trigger is already crossed
 * (-2021: closed at market at once), a placement whose answer is lost (looked up, never sent twice), and a restart
 * that places the same signal's orders again (looked up, never sent twice).
 */
class BinanceVenueTest {
    private static final Symbol BTCUSDT = Symbol.of("BTCUSDT");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private BinanceFuturesFake binance;
    private Vertx vertx;
    private BinanceRest rest;
    private UserStream stream;
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private BinanceVenue venue;
    private Trader trader;
    private final List<OrderUpdated> published = new CopyOnWriteArrayList<>();
    private Function<Symbol, Optional<SymbolRules>> rules;

    @BeforeEach
    void start() throws Exception {
        binance = new BinanceFuturesFake();
        binance.mark("BTCUSDT", "35000.0");
        vertx = Vertx.vertx();
        rest = FakeClient.of(binance);
        SymbolRules btc = shippedRules().get(BTCUSDT);
        rules = symbol -> Optional.of(btc.symbol().equals(symbol) ? btc : renamed(btc, symbol));
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
    void anEntryIsPlacedWithItsBracketAndATriggeredStopCancelsTheTarget() {
        enterAndStopOut(false);
    }

    @Test
    void theStopsChildFillBeforeItsAlgoUpdateIsLinkedAllTheSame() {
        binance.childFillFirst(true);
        enterAndStopOut(true);
    }

    private void enterAndStopOut(boolean childFirst) {
        BotDefinition bot = Fixtures.bot("bn-life" + (childFirst ? "-c" : ""), BTCUSDT, Venue.TESTNET);
        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        assertThat(decision.outcome()).as(decision.detail()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(describe(decision.orders())).containsExactly("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 0.028",
                "STOP_LOSS STOP_MARKET NEW 0", "TAKE_PROFIT TAKE_PROFIT_MARKET NEW 0");
        OrderUpdated fill = decision.orders().get(1);
        assertThat(fill.tradeId()).isNotBlank();
        assertThat(fill.fee()).isPositive();
        assertThat(fill.feeAsset()).isEqualTo("USDT");
        assertThat(fill.lastFillPrice()).isEqualByComparingTo("35000.0");
        assertThat(binance.openAlgoOrders()).hasSize(2);
        assertThat(venue.position(bot.botId())).isPresent();

        binance.mark("BTCUSDT", "33900.0");

        await().atMost(WAIT).until(() -> describe(published).containsAll(List.of("STOP_LOSS STOP_MARKET FILLED 0.028",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0")));
        assertThat(binance.openAlgoOrders()).as("open algo orders at Binance").isEmpty();
        assertThat(binance.position("BTCUSDT").map(p -> p.amount().signum()).orElse(0)).isZero();
        assertThat(venue.position(bot.botId())).as("the bot's booked position").isEmpty();
        assertThat(published.stream().filter(o -> o.role() == OrderRole.STOP_LOSS && o.tradeId() != null)
                .map(OrderUpdated::realizedPnl)).as("the stop's realised PnL, from Binance").allMatch(p -> p.signum() < 0);
    }

    @Test
    void aRejectedEntryPlacesNothingElse() {
        BotDefinition bot = Fixtures.bot("bn-reject", Symbol.of("NOPEUSDT"), Venue.TESTNET);

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOT_FILLED);
        assertThat(describe(decision.orders())).containsExactly("ENTRY MARKET REJECTED 0");
        assertThat(decision.orders().get(0).rejectReason()).startsWith("-1121");
        assertThat(binance.openAlgoOrders()).isEmpty();
    }

    @Test
    void aStopWhoseTriggerIsAlreadyCrossedClosesThePositionAtMarketAtOnce() {
        BotDefinition bot = Fixtures.bot("bn-crossed", BTCUSDT, Venue.TESTNET);
        // The signal saw 35000; by the time the stop is placed the market is below its trigger.
        binance.mark("BTCUSDT", "34800.0");

        Trader.Decision decision = signal(bot, "35000.0", "34900.0", "35500.0");

        assertThat(describe(decision.orders())).containsExactly("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 0.028",
                "STOP_LOSS STOP_MARKET REJECTED 0", "STOP_LOSS MARKET NEW 0", "STOP_LOSS MARKET FILLED 0.028",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(decision.orders().get(2).rejectReason()).startsWith("-2021");
        assertThat(binance.position("BTCUSDT").map(p -> p.amount().signum()).orElse(0)).isZero();
        assertThat(binance.openAlgoOrders()).isEmpty();
        assertThat(venue.position(bot.botId())).isEmpty();
    }

    @Test
    void anEntryWhoseAnswerIsLostIsLookedUpNotSentTwice() {
        BotDefinition bot = Fixtures.bot("bn-lost", BTCUSDT, Venue.TESTNET);
        binance.failNextOrderAfterPlacing(503);

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        assertThat(describe(decision.orders())).startsWith("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 0.028");
        String entry = decision.orders().get(0).clientOrderId();
        assertThat(binance.orders().stream().filter(o -> o.clientOrderId().equals(entry))).as("orders %s at Binance",
                entry).hasSize(1);
        assertThat(binance.position("BTCUSDT").orElseThrow().amount()).isEqualByComparingTo("0.028");
    }

    @Test
    void anEntryNotYetQueryableAfterItsLostAnswerIsFoundByTheSecondLookNotSentAgain() {
        BotDefinition bot = Fixtures.bot("bn-second-look", BTCUSDT, Venue.TESTNET);
        binance.failNextOrderAfterPlacing(503).hideFromNextQueries(1);

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        assertThat(describe(decision.orders())).startsWith("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 0.028");
        String entry = decision.orders().get(0).clientOrderId();
        assertThat(placements(entry)).as("POSTs of the entry").isEqualTo(1);
        assertThat(binance.requests().stream().filter(r -> r.method().equals("GET")
                && r.path().equals("/fapi/v1/order") && entry.equals(r.params().get("origClientOrderId"))))
                .as("the first look (not found yet), the second (found)").hasSize(2);
    }

    @Test
    void aStopResentAfterTwoEmptyLooksIsRefusedAsADuplicateAndTakenUpAsOurs() {
        BotDefinition bot = Fixtures.bot("bn-4116", BTCUSDT, Venue.TESTNET);
        binance.failNextAlgoAfterPlacing(503).hideFromNextQueries(2);

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        assertThat(describe(decision.orders())).startsWith("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 0.028",
                "STOP_LOSS STOP_MARKET NEW 0", "TAKE_PROFIT TAKE_PROFIT_MARKET NEW 0");
        String stop = decision.orders().get(2).clientOrderId();
        assertThat(binance.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/fapi/v1/algoOrder") && stop.equals(r.params().get("clientAlgoId"))))
                .as("the first POST (answer lost) and the resend Binance refused with -4116").hasSize(2);
        assertThat(binance.openAlgoOrders()).as("one stop and one target at Binance")
                .extracting(FakeState.AlgoOrder::orderType)
                .containsExactlyInAnyOrder("STOP_MARKET", "TAKE_PROFIT_MARKET");
    }

    @Test
    void aCancelWhoseAnswerIsLostIsSentAgainAndBothBracketOrdersEndCanceled() {
        BotDefinition bot = Fixtures.bot("bn-cancel-lost", BTCUSDT, Venue.TESTNET);
        Trader.Decision entered = signal(bot, "35000.0", "34000.0", "36500.0");
        String stop = entered.orders().get(2).clientOrderId();
        String target = entered.orders().get(3).clientOrderId();
        binance.failNextAlgoCancelAfterCanceling(503);

        Trader.Decision decision = exit(bot);

        // Canceled in the step, or heard on the stream (the cancel whose answer was lost).
        await().atMost(WAIT).until(() -> {
            List<String> seen = new ArrayList<>(describe(decision.orders()));
            seen.addAll(describe(published));
            return seen.containsAll(List.of("EXIT MARKET FILLED 0.028", "STOP_LOSS STOP_MARKET CANCELED 0",
                    "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0"));
        });
        assertThat(binance.openAlgoOrders()).isEmpty();
        assertThat(List.of(cancels(stop), cancels(target))).as("DELETEs of the stop and of the target: the first "
                + "one's answer was lost, so it was sent again (and answered -2011)").containsExactlyInAnyOrder(1L, 2L);
    }

    private long cancels(String clientAlgoId) {
        return binance.requests().stream().filter(r -> r.method().equals("DELETE")
                && r.path().equals("/fapi/v1/algoOrder") && clientAlgoId.equals(r.params().get("clientAlgoId"))).count();
    }

    @Test
    void aRestartPlacingTheSameSignalAgainLooksItsOrdersUpInsteadOfSendingThem() {
        BotDefinition bot = Fixtures.bot("bn-restart", BTCUSDT, Venue.TESTNET);
        SignalGenerated signal = entry(bot, "35000.0", "34000.0", "36500.0");
        trader.onSignal(signal, bot, System.currentTimeMillis());
        int ordersBefore = binance.orders().size();
        int algosBefore = binance.openAlgoOrders().size();

        // A new process (state in memory gone, the claims durable) runs the same step again.
        BinanceVenue restarted = venue();
        stream.close();
        Trader.Decision again = trader(restarted).onSignal(signal, bot, System.currentTimeMillis());

        assertThat(binance.orders()).as("orders at Binance after the re-run").hasSize(ordersBefore);
        assertThat(binance.openAlgoOrders()).as("open algo orders after the re-run").hasSize(algosBefore);
        assertThat(describe(again.orders())).as("the re-run's events are the first run's")
                .startsWith("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 0.028");
    }

    @Test
    void aStopFilledWhileTheStreamWasDownIsRecoveredOverRestOnce() {
        BotDefinition bot = Fixtures.bot("bn-gap", BTCUSDT, Venue.TESTNET);
        signal(bot, "35000.0", "34000.0", "36500.0");
        stream.close();

        binance.mark("BTCUSDT", "33900.0");
        venue.recover();
        List<String> recovered = describe(venue.drainEvents());
        venue.recover();

        assertThat(recovered).containsExactly("STOP_LOSS STOP_MARKET FILLED 0.028",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(venue.drainEvents()).as("a second recovery finds nothing new").isEmpty();
        assertThat(venue.position(bot.botId())).isEmpty();
        assertThat(binance.openAlgoOrders()).isEmpty();
    }

    @Test
    void aRestartTakesUpTheOpenBracketAndBooksWhatHappenedWhileDown() {
        BotDefinition bot = Fixtures.bot("bn-down", BTCUSDT, Venue.TESTNET);
        List<VenueOrder> stored = open(signal(bot, "35000.0", "34000.0", "36500.0").orders());
        stream.close();
        binance.mark("BTCUSDT", "33900.0");

        BinanceVenue restarted = venue();
        restarted.restore(stored, id -> Optional.of(bot), rules);
        restarted.recover();

        List<OrderUpdated> recovered = restarted.drainEvents();
        assertThat(describe(recovered)).containsExactly("STOP_LOSS STOP_MARKET FILLED 0.028",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(recovered).as("Binance's ids, as the events before the restart had them")
                .extracting(OrderUpdated::exchangeOrderId)
                .containsExactly(stored.get(0).exchangeOrderId(), stored.get(1).exchangeOrderId()).doesNotContainNull();
        assertThat(restarted.position(bot.botId())).as("flat at Binance, flat here").isEmpty();
        assertThat(binance.openAlgoOrders()).isEmpty();
    }

    @Test
    void aRestartWithThePositionStillOpenHoldsItAndItsBracketWorksAsBefore() {
        BotDefinition bot = Fixtures.bot("bn-open", BTCUSDT, Venue.TESTNET);
        List<VenueOrder> stored = open(signal(bot, "35000.0", "34000.0", "36500.0").orders());
        int ordersBefore = binance.orders().size();

        BinanceVenue restarted = venue();
        restarted.restore(stored, id -> Optional.of(bot), rules);
        restarted.recover();

        assertThat(restarted.drainEvents()).as("nothing happened while down").isEmpty();
        assertThat(restarted.position(bot.botId()).orElseThrow().quantity()).isEqualByComparingTo("0.028");
        assertThat(binance.orders()).as("nothing placed again").hasSize(ordersBefore);
        List<OrderUpdated> exit = restarted.cancelWorking(bot.botId(), System.currentTimeMillis());
        assertThat(describe(exit)).containsExactly("STOP_LOSS STOP_MARKET CANCELED 0",
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(binance.openAlgoOrders()).isEmpty();
    }

    @Test
    void aRateLimitedEntryWaitsForRetryAfterAndIsPlacedOnce() {
        BotDefinition bot = Fixtures.bot("bn-429", BTCUSDT, Venue.TESTNET);
        int before = binance.requests().size();
        binance.rateLimitNext(1);

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        assertThat(decision.outcome()).as(decision.detail()).isEqualTo(Trader.Outcome.ENTERED);
        BinanceFuturesFake.Request limited = binance.requests().get(before);
        BinanceFuturesFake.Request again = binance.requests().get(before + 1);
        assertThat(again.method() + " " + again.path()).as("the request after the 429 (%s %s): the same, sent again",
                limited.method(), limited.path()).isEqualTo(limited.method() + " " + limited.path());
        assertThat(placements(decision.orders().get(0).clientOrderId())).as("POSTs of the entry").isEqualTo(1);
    }

    @Test
    void aClockAheadOfBinanceIsResyncedOnMinus1021AndTheEntryGoesThrough() throws Exception {
        BotDefinition bot = Fixtures.bot("bn-1021", BTCUSDT, Venue.TESTNET);
        rest.clock().resync();
        binance.skew(-3000);

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "36500.0");

        assertThat(decision.outcome()).as(decision.detail()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(binance.position("BTCUSDT").orElseThrow().amount()).isEqualByComparingTo("0.028");
    }

    @Test
    void anExitBinanceHasNothingToReduceIsRejectedOnceAndTheBookedPositionDropped() throws Exception {
        BotDefinition bot = Fixtures.bot("bn-2022", BTCUSDT, Venue.TESTNET);
        signal(bot, "35000.0", "34000.0", "36500.0");
        // Someone closes the position on Binance's website.
        Map<String, String> manual = new java.util.LinkedHashMap<>();
        manual.put("symbol", "BTCUSDT");
        manual.put("side", "SELL");
        manual.put("type", "MARKET");
        manual.put("quantity", "0.028");
        manual.put("reduceOnly", "true");
        rest.post("/fapi/v1/order", manual, BinanceRest.Security.SIGNED);

        Trader.Decision decision = exit(bot);

        OrderUpdated rejected = decision.orders().stream().filter(o -> o.role() == OrderRole.EXIT).findFirst()
                .orElseThrow();
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.rejectReason()).startsWith("-2022");
        assertThat(placements(rejected.clientOrderId())).as("POSTs of the exit: no retry loop").isEqualTo(1);
        assertThat(venue.position(bot.botId())).as("the booked position, dropped").isEmpty();
    }

    @Test
    void reconciliationReportsWhatThePlatformDidNotPlaceLeavesItAloneAndReadsAgainWhatWentAway() throws Exception {
        BotDefinition bot = Fixtures.bot("bn-recon", BTCUSDT, Venue.TESTNET);
        Trader.Decision entered = signal(bot, "35000.0", "34000.0", "36500.0");
        String target = entered.orders().get(3).clientOrderId();
        stream.close();
        // Someone else uses the account: an order and a stop of their own, a position in another symbol; and our
        // target is canceled on the website.
        send("POST", "/fapi/v1/order", "symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC",
                "quantity", "0.010", "price", "30000.0", "newClientOrderId", "manual-limit");
        send("POST", "/fapi/v1/algoOrder", "algoType", "CONDITIONAL", "symbol", "BTCUSDT", "side", "SELL", "type",
                "STOP_MARKET", "quantity", "0.010", "triggerPrice", "30000.0", "reduceOnly", "true", "clientAlgoId",
                "manual-stop");
        binance.listSymbol("ETHUSDT").mark("ETHUSDT", "2000.00");
        send("POST", "/fapi/v1/order", "symbol", "ETHUSDT", "side", "BUY", "type", "MARKET", "quantity", "0.100");
        send("DELETE", "/fapi/v1/algoOrder", "clientAlgoId", target);

        List<Difference> differences = venue.reconcile(new BinanceOrders(rest, BinanceOrders.Conditions.DEFAULT,
                Duration.ofMillis(100)).accountState());

        assertThat(differences).extracting(d -> d.kind() + " " + d.symbol() + " " + d.clientId())
                .containsExactlyInAnyOrder("unknown-order BTCUSDT manual-limit", "unknown-algo-order BTCUSDT manual-stop",
                        "foreign-position ETHUSDT null", "order-gone BTCUSDT " + target);
        assertThat(describe(venue.drainEvents())).as("our target, read again").containsExactly(
                "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(binance.openOrders()).as("left alone").extracting(FakeState.Order::clientOrderId)
                .contains("manual-limit");
        assertThat(binance.position("ETHUSDT").orElseThrow().amount()).as("left alone").isEqualByComparingTo("0.100");
        assertThat(venue.position(bot.botId()).orElseThrow().quantity()).isEqualByComparingTo("0.028");
    }

    private void send(String method, String path, String... params) throws Exception {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        rest.send(BinanceRest.Method.valueOf(method), path, map, BinanceRest.Security.SIGNED);
    }

    @Test
    void aSecondBotCannotEnterASymbolAnotherBotOfTheAccountHolds() {
        BotDefinition first = Fixtures.bot("bn-first", BTCUSDT, Venue.TESTNET);
        BotDefinition second = Fixtures.bot("bn-second", BTCUSDT, Venue.TESTNET);
        signal(first, "35000.0", "34000.0", "36500.0");

        Trader.Decision decision = signal(second, "35000.0", "34000.0", "36500.0");

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertThat(decision.orders().get(0).denyReason()).isEqualTo("position-open");
        assertThat(decision.detail()).contains("bot bn-first holds BTCUSDT");
        assertThat(venue.openPositions()).isEqualTo(1);
        assertThat(venue.openNotional(BTCUSDT)).isEqualByComparingTo("980.000");
    }

    /** How many times an order with this client id was POSTed to Binance. */
    private long placements(String clientOrderId) {
        return binance.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/fapi/v1/order")
                && clientOrderId.equals(r.params().get("newClientOrderId"))).count();
    }

    @Test
    void aTargetAlreadyReachedClosesAtMarketAndCancelsTheStop() {
        BotDefinition bot = Fixtures.bot("bn-tp-crossed", BTCUSDT, Venue.TESTNET);
        binance.mark("BTCUSDT", "35600.0");

        Trader.Decision decision = signal(bot, "35000.0", "34000.0", "35500.0");

        assertThat(describe(decision.orders())).startsWith("ENTRY MARKET NEW 0", "ENTRY MARKET FILLED 0.028",
                "STOP_LOSS STOP_MARKET NEW 0", "TAKE_PROFIT TAKE_PROFIT_MARKET REJECTED 0",
                "TAKE_PROFIT MARKET NEW 0", "TAKE_PROFIT MARKET FILLED 0.028");
        // Canceled by the venue's cancel, or by Binance itself once the position is flat (then heard on the stream).
        await().atMost(WAIT).until(() -> describe(decision.orders()).contains("STOP_LOSS STOP_MARKET CANCELED 0")
                || describe(published).contains("STOP_LOSS STOP_MARKET CANCELED 0"));
        assertThat(binance.openAlgoOrders()).as("no stop left behind").isEmpty();
        assertThat(binance.position("BTCUSDT").map(p -> p.amount().signum()).orElse(0)).isZero();
    }

    @Test
    void afterARestartAStopThatFillsIsBookedAndTheBotIsFlat() {
        BotDefinition bot = Fixtures.bot("bn-after", BTCUSDT, Venue.TESTNET);
        List<VenueOrder> stored = open(signal(bot, "35000.0", "34000.0", "36500.0").orders());
        stream.close();

        BinanceVenue restarted = venue();
        restarted.restore(stored, id -> Optional.of(bot), rules);
        restarted.recover();
        List<OrderUpdated> heard = new CopyOnWriteArrayList<>();
        UserStream again = VenueScenario.stream(binance, rest, vertx, restarted, heard);
        try {
            await().atMost(WAIT).until(again::connected);
            binance.mark("BTCUSDT", "33900.0");

            await().atMost(WAIT).until(() -> describe(heard).containsAll(List.of("STOP_LOSS STOP_MARKET FILLED 0.028",
                    "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0")));
            assertThat(restarted.position(bot.botId())).as("the bot after its stop filled").isEmpty();
        } finally {
            again.close();
        }
    }

    @Test
    void anExitTakenUpAfterARestartKeepsItsCloseReason() {
        BotDefinition bot = Fixtures.bot("bn-exit-reason", BTCUSDT, Venue.TESTNET);
        signal(bot, "35000.0", "34000.0", "36500.0");
        OrderUpdated exitFill = exit(bot).orders().stream().filter(o -> o.role() == OrderRole.EXIT
                && o.status() == OrderStatus.FILLED).findFirst().orElseThrow();
        assertThat(exitFill.closeReason()).isNotNull();
        // The process died after the exit was claimed and sent, before its step was stored.
        VenueOrder claimedOnly = new VenueOrder(exitFill.clientOrderId(), exitFill.signalId(), exitFill.botId(),
                exitFill.symbol(), exitFill.role(), exitFill.side(), exitFill.type(), exitFill.quantity(), null, true,
                OrderStatus.NEW, BigDecimal.ZERO, null, exitFill.eventTime(), exitFill.closeReason(), null);
        stream.close();

        BinanceVenue restarted = venue();
        restarted.restore(List.of(claimedOnly), id -> Optional.of(bot), rules);
        restarted.recover();

        assertThat(restarted.drainEvents()).singleElement().satisfies(recovered -> {
            assertThat(recovered.eventId()).isEqualTo(exitFill.eventId());
            assertThat(recovered.closeReason()).isEqualTo(exitFill.closeReason());
        });
    }

    @Test
    void endedOrdersAreForgottenHoursLaterWhileTheWorkingBracketStays() {
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        BinanceVenue aging = new BinanceVenue(Venue.TESTNET, new BinanceOrders(rest, BinanceOrders.Conditions.DEFAULT,
                Duration.ofMillis(100)), order -> claimed.add(order.clientOrderId()), Duration.ofMillis(200), now::get);
        BotDefinition bot = Fixtures.bot("bn-aging", BTCUSDT, Venue.TESTNET);
        trader(aging).onSignal(entry(bot, "35000.0", "34000.0", "36500.0"), bot, now.get());
        aging.drainEvents();
        assertThat(aging.trackedOrders()).as("entry, stop, target").isEqualTo(3);

        now.addAndGet(Duration.ofHours(7).toMillis());
        aging.drainEvents();

        assertThat(aging.trackedOrders()).as("the filled entry forgotten, the bracket still working").isEqualTo(2);
        assertThat(describe(aging.cancelWorking(bot.botId(), now.get()))).containsExactly(
                "STOP_LOSS STOP_MARKET CANCELED 0", "TAKE_PROFIT TAKE_PROFIT_MARKET CANCELED 0");
        assertThat(aging.position(bot.botId())).as("the position booked from the forgotten entry's fill").isPresent();

        now.addAndGet(Duration.ofMinutes(2).toMillis());
        aging.drainEvents();
        assertThat(aging.trackedOrders()).as("the bracket, placed 7 hours ago, ended 2 minutes ago: kept").isEqualTo(2);
        now.addAndGet(Duration.ofHours(7).toMillis());
        aging.drainEvents();
        assertThat(aging.trackedOrders()).as("7 hours after it ended").isZero();
    }

    @Test
    void aPartlyFilledOrderTakenUpAfterARestartGetsItsFillsWithTheirOwnEventIds() {
        BotDefinition bot = Fixtures.bot("bn-partial", BTCUSDT, Venue.TESTNET);
        List<OrderUpdated> first = signal(bot, "35000.0", "34000.0", "36500.0").orders();
        OrderUpdated filled = first.get(1);
        // What PostgreSQL would hold had the process died between the fill and its step's commit: the intent only.
        VenueOrder claimedOnly = new VenueOrder(filled.clientOrderId(), filled.signalId(), filled.botId(),
                filled.symbol(), filled.role(), filled.side(), filled.type(), filled.quantity(), null, false,
                OrderStatus.NEW, BigDecimal.ZERO, null, filled.eventTime(), null, null);
        stream.close();

        BinanceVenue restarted = venue();
        restarted.restore(List.of(claimedOnly), id -> Optional.of(bot), rules);
        restarted.recover();

        List<OrderUpdated> recovered = restarted.drainEvents();
        assertThat(recovered).extracting(OrderUpdated::eventId).containsExactly(filled.eventId());
        assertThat(restarted.position(bot.botId()).orElseThrow().quantity()).as("from positionRisk, not twice")
                .isEqualByComparingTo("0.028");
    }

    /** What PostgreSQL keeps of the orders not ended among {@code events}: each one's latest state. */
    private static List<VenueOrder> open(List<OrderUpdated> events) {
        Map<String, OrderUpdated> latest = new java.util.LinkedHashMap<>();
        events.forEach(e -> latest.put(e.clientOrderId(), e));
        return latest.values().stream().filter(e -> !e.status().isTerminal()).map(e -> new VenueOrder(e.clientOrderId(),
                e.signalId(), e.botId(), e.symbol(), e.role(), e.side(), e.type(), e.quantity(), e.triggerPrice(),
                e.reduceOnly(), e.status(), e.filledQuantity(), e.averagePrice(), e.eventTime(), e.closeReason(),
                e.exchangeOrderId())).toList();
    }

    private BinanceVenue venue() {
        return new BinanceVenue(Venue.TESTNET, new BinanceOrders(rest, BinanceOrders.Conditions.DEFAULT,
                Duration.ofMillis(100)), order -> claimed.add(order.clientOrderId()), Duration.ofSeconds(2),
                System::currentTimeMillis);
    }

    private Trader trader(BinanceVenue binanceVenue) {
        return new Trader(kind -> kind == Venue.TESTNET ? Optional.of(binanceVenue) : Optional.empty(), rules,
                RiskLimits.DEFAULTS, new PaperVenue(PaperSettings.DEFAULTS, rules, System::currentTimeMillis),
                System::currentTimeMillis);
    }

    private Trader.Decision signal(BotDefinition bot, String reference, String stop, String target) {
        return trader.onSignal(entry(bot, reference, stop, target), bot, System.currentTimeMillis());
    }

    /** An EXIT_LONG signal for {@code bot} on the current minute's kline. */
    private Trader.Decision exit(BotDefinition bot) {
        long now = System.currentTimeMillis();
        long open = now - now % 60_000;
        SignalGenerated exit = new SignalGenerated(bot.botId(), "sma-crossover", BTCUSDT, bot.interval(), open,
                SignalAction.EXIT_LONG, new BigDecimal("35000.0"), null, null, "test", open + 59_999, now);
        return trader.onSignal(exit, bot, now);
    }

    private static Map<Symbol, SymbolRules> shippedRules() throws Exception {
        try (InputStream in = BinanceVenueTest.class.getResourceAsStream("/exchange-info/usdm.json")) {
            return BinanceExchangeInfo.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Market.USD_M,
                    "usdm.json").rules();
        }
    }

    private static SymbolRules renamed(SymbolRules rules, Symbol symbol) {
        return new SymbolRules(symbol, rules.market(), rules.baseAsset(), rules.quoteAsset(), rules.marginAsset(),
                rules.tickSize(), rules.minPrice(), rules.maxPrice(), rules.stepSize(), rules.minQuantity(),
                rules.maxQuantity(), rules.marketStepSize(), rules.marketMinQuantity(), rules.marketMaxQuantity(),
                rules.minNotional(), rules.contractSize());
    }
}
