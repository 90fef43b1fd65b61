package io.tradeflow.core.execution;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.position.Position;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.tradeflow.core.execution.Fixtures.BOT;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real venue may reject an entry or fill only part of it (a MARKET order expired by price protection, a margin
 * check): the Trader places the stop-loss and take-profit for what filled, and nothing after an entry that did not
 * fill. The venue here answers the entry as it is told to and records what else it is asked.
 */
class UnfilledEntryTest {
    private final SignalGenerated entry = enterLong(BOT, T0, "35567.2", "35400.05", "35800.07");

    /** A venue that answers each MARKET order with {@code answer} and accepts every conditional order. */
    private static final class ScriptedVenue implements TradingVenue {
        final Function<PlaceOrder, List<OrderUpdated>> answer;
        final List<PlaceOrder> conditionals = new ArrayList<>();

        ScriptedVenue(Function<PlaceOrder, List<OrderUpdated>> answer) {
            this.answer = answer;
        }

        @Override
        public Optional<Position> position(String botId) {
            return Optional.empty();
        }

        @Override
        public Optional<Balances> balances(String botId) {
            return Optional.empty();
        }

        @Override
        public Optional<Denial> affordable(PlaceOrder entry) {
            return Optional.empty();
        }

        @Override
        public List<OrderUpdated> market(PlaceOrder order) {
            return answer.apply(order);
        }

        @Override
        public List<OrderUpdated> conditional(PlaceOrder order) {
            conditionals.add(order);
            return List.of(OrderEvents.of(order).accepted(order.time(), order.time()));
        }

        @Override
        public List<OrderUpdated> cancelWorking(String botId, long time) {
            return List.of();
        }

        @Override
        public void restartLossLimits(String botId, long time) {
        }
    }

    private static Trader trader(TradingVenue venue) {
        return new Trader(kind -> kind == Venue.TESTNET ? Optional.of(venue) : Optional.empty(), Fixtures.realRules(),
                RiskLimits.DEFAULTS, new PaperVenue(PaperSettings.DEFAULTS, Fixtures.realRules(), Fixtures.CLOCK),
                Fixtures.CLOCK);
    }

    @Test
    void aRejectedEntryPlacesNoStopAndNoTarget() {
        ScriptedVenue venue = new ScriptedVenue(order -> List.of(rejected(order)));

        Trader.Decision decision = trader(venue).onSignal(entry, bot(BOT, Venue.TESTNET, BotStatus.RUNNING),
                Fixtures.receivedAt(entry));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOT_FILLED);
        assertThat(decision.orders()).extracting(OrderUpdated::status).containsExactly(OrderStatus.REJECTED);
        assertThat(decision.detail()).contains("REJECTED: -2019 Margin is insufficient.");
        assertThat(venue.conditionals).as("brackets placed after a rejected entry").isEmpty();
    }

    @Test
    void aPartlyFilledEntryIsProtectedForWhatFilled() {
        // 100 x 10 / 35567.2 -> 0.028 asked; 0.011 filled.
        ScriptedVenue venue = new ScriptedVenue(order -> List.of(filled(order, "0.011")));

        Trader.Decision decision = trader(venue).onSignal(entry, bot(BOT, Venue.TESTNET, BotStatus.RUNNING),
                Fixtures.receivedAt(entry));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(decision.detail()).startsWith("entered LONG 0.011 of 0.028");
        assertThat(venue.conditionals).extracting(PlaceOrder::quantity).extracting(BigDecimal::toPlainString)
                .containsExactly("0.011", "0.011");
    }

    private static OrderUpdated rejected(PlaceOrder order) {
        OrderUpdated accepted = OrderEvents.of(order).accepted(order.time(), order.time());
        return new OrderUpdated(accepted.clientOrderId(), null, accepted.botId(), accepted.signalId(), accepted.symbol(),
                accepted.venue(), accepted.role(), accepted.side(), accepted.type(), OrderStatus.REJECTED,
                accepted.quantity(), null, null, BigDecimal.ZERO, null, null, null, null, null, false,
                "-2019 Margin is insufficient.", null, null, null, accepted.market(), accepted.marginAsset(),
                accepted.contractSize(), null, order.time(), order.time());
    }

    private static OrderUpdated filled(PlaceOrder order, String quantity) {
        OrderUpdated accepted = OrderEvents.of(order).accepted(order.time(), order.time());
        BigDecimal q = new BigDecimal(quantity);
        BigDecimal price = new BigDecimal("35574.40");
        return new OrderUpdated(accepted.clientOrderId(), "1", accepted.botId(), accepted.signalId(), accepted.symbol(),
                accepted.venue(), accepted.role(), accepted.side(), accepted.type(), OrderStatus.EXPIRED,
                accepted.quantity(), null, null, q, price, q, price, new BigDecimal("0.19566"), "USDT", false, null,
                "7001", null, null, accepted.market(), accepted.marginAsset(), accepted.contractSize(), null,
                order.time(), order.time());
    }
}
