package io.tradeflow.execution.persistence;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.execution.OrderEvents;
import io.tradeflow.core.execution.PlaceOrder;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.execution.Fixtures;
import io.tradeflow.execution.binance.VenueOrder;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.execution.domain.SeriesMerge;
import io.tradeflow.execution.domain.StepResult;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step stored twice (a commit whose answer was lost and that was retried, or a step another instance already
 * stored) writes nothing the second time: no second outbox row, so no duplicate order event. An open Binance order
 * comes back from PostgreSQL with what a restarted venue needs.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ExecutionStoreTest {
    @Inject
    ExecutionStore store;

    @Test
    void aStepIsStoredOnce() {
        OrderUpdated order = GoldenEvents.event(OrderUpdated.class);
        SignalGenerated signal = GoldenEvents.event(SignalGenerated.class);
        SeriesMerge.Series series = new SeriesMerge.Series(Symbol.of("EXECSTOREUSDT"), Interval.ONE_MINUTE);
        SeriesMerge.Step step = new SeriesMerge.Step(series, signal.klineOpenTime(), null, List.of());
        StepResult result = new StepResult(step, List.of(order),
                List.of(new StepResult.SignalOutcome(signal, 1, Trader.Outcome.ENTERED, "test")), List.of(), List.of(), List.of());
        long before = outboxRowsOf(order.eventId());

        assertThat(store.commit(result)).isTrue();
        assertThat(store.commit(result)).as("already covered by the series' progress").isFalse();

        assertThat(outboxRowsOf(order.eventId()) - before).isEqualTo(1);
        assertThat(store.load().progress()).containsEntry(series, signal.klineOpenTime());
    }

    @Test
    void anOpenBinanceOrderComesBackWithItsCloseReasonAndBinancesId() {
        Symbol symbol = Symbol.of("EXECSTOREUSDT");
        SymbolRules rules = new SymbolRules(symbol, Market.USD_M, "EXECSTORE", "USDT", "USDT", dec("0.1"), dec("0.1"),
                dec("1000000"), dec("0.001"), dec("0.001"), dec("1000"), dec("0.001"), dec("0.001"), dec("100"),
                dec("5"), BigDecimal.ONE);
        BotDefinition bot = Fixtures.bot("exec-store-restore", symbol, Venue.TESTNET);
        long now = System.currentTimeMillis();
        PlaceOrder exit = new PlaceOrder("exec-store-restore-x1", "exec-store-restore-s1", bot, rules, OrderRole.EXIT,
                Side.SELL, OrderType.MARKET, dec("0.028"), null, true, dec("35000"), now - 60_000, now,
                CloseReason.SIGNAL_EXIT);
        assertThat(store.claimPlacement(exit)).isTrue();
        VenueOrder claimed = openVenueOrder(exit.clientOrderId());
        assertThat(claimed.closeReason()).as("known from the claim").isEqualTo(CloseReason.SIGNAL_EXIT);
        assertThat(claimed.exchangeOrderId()).as("no answer from Binance yet").isNull();

        store.storeVenueEvents(List.of(OrderEvents.of(exit).withExchangeOrderId("8886774").accepted(now, now)));

        VenueOrder accepted = openVenueOrder(exit.clientOrderId());
        assertThat(accepted.exchangeOrderId()).isEqualTo("8886774");
        assertThat(accepted.closeReason()).isEqualTo(CloseReason.SIGNAL_EXIT);
    }

    private VenueOrder openVenueOrder(String clientOrderId) {
        return store.openVenueOrders(Venue.TESTNET).stream().filter(o -> o.clientOrderId().equals(clientOrderId))
                .findFirst().orElseThrow();
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private long outboxRowsOf(String eventId) {
        return store.outbox(Integer.MAX_VALUE).stream().filter(row -> row.eventId().equals(eventId)).count();
    }
}
