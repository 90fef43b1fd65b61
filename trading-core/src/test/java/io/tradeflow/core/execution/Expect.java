package io.tradeflow.core.execution;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.order.DenyReason;
import io.tradeflow.core.order.SymbolRules;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import static io.tradeflow.core.execution.Fixtures.NOW;
import static io.tradeflow.core.execution.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order events a test expects, written out with the {@link OrderUpdated} constructor (not with the code under
 * test), and the assertion that compares a whole sequence of them: every field, decimals by value.
 *
 * <p>One {@code Expect} is one order (its id, role, side, type, quantity, trigger); its methods give the event of each
 * state. A paper fill's trade id is {@code {clientOrderId}-1} and its fee is in USDT unless told otherwise. Its market,
 * margin asset and contract size are those of {@link Fixtures#realRules()}; a MARKET EXIT order's close reason is
 * SIGNAL_EXIT for an exit signal, REVERSAL for an entry signal and MANUAL for the close of a stopped bot.
 */
final class Expect {
    private static final RecursiveComparisonConfiguration BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(Comparator.nullsFirst(BigDecimal::compareTo), BigDecimal.class).build();

    private final String clientOrderId;
    private final String botId;
    private final String signalId;
    private final Symbol symbol;
    private final Venue venue;
    private final OrderRole role;
    private final Side side;
    private final OrderType type;
    private final BigDecimal quantity;
    private final BigDecimal triggerPrice;
    private final String feeAsset;
    private final SymbolRules rules;
    private final CloseReason closeReason;

    private Expect(String clientOrderId, String botId, String signalId, Symbol symbol, Venue venue, OrderRole role,
                   Side side, OrderType type, BigDecimal quantity, BigDecimal triggerPrice, String feeAsset,
                   CloseReason closeReason) {
        this.clientOrderId = clientOrderId;
        this.botId = botId;
        this.signalId = signalId;
        this.symbol = symbol;
        this.venue = venue;
        this.role = role;
        this.side = side;
        this.type = type;
        this.quantity = quantity;
        this.triggerPrice = triggerPrice;
        this.feeAsset = feeAsset;
        this.rules = Fixtures.realRules().apply(symbol).orElseThrow();
        this.closeReason = closeReason;
    }

    /** A MARKET order (entry or exit) the signal caused. */
    static Expect market(BotDefinition bot, SignalGenerated signal, OrderRole role, Side side, String quantity) {
        return order(bot, signal, role, side, OrderType.MARKET, quantity, null);
    }

    /** A resting stop-loss (STOP_MARKET) the entry signal caused. */
    static Expect stopLoss(BotDefinition bot, SignalGenerated signal, Side side, String quantity, String trigger) {
        return order(bot, signal, OrderRole.STOP_LOSS, side, OrderType.STOP_MARKET, quantity, trigger);
    }

    /** A resting take-profit (TAKE_PROFIT_MARKET) the entry signal caused. */
    static Expect takeProfit(BotDefinition bot, SignalGenerated signal, Side side, String quantity, String trigger) {
        return order(bot, signal, OrderRole.TAKE_PROFIT, side, OrderType.TAKE_PROFIT_MARKET, quantity, trigger);
    }

    /** The MARKET EXIT that closes the position of a bot stopped with closePosition: no signal, close reason MANUAL. */
    static Expect close(BotDefinition stopped, Side side, String quantity) {
        return new Expect(ClientOrderIds.ofClose(stopped), stopped.botId(), null, stopped.symbol(), stopped.venue(),
                OrderRole.EXIT, side, OrderType.MARKET, dec(quantity), null, "USDT", CloseReason.MANUAL);
    }

    private static Expect order(BotDefinition bot, SignalGenerated signal, OrderRole role, Side side, OrderType type,
                                String quantity, String trigger) {
        return new Expect(ClientOrderIds.of(signal.signalId(), role), bot.botId(), signal.signalId(), bot.symbol(),
                bot.venue(), role, side, type, dec(quantity), trigger == null ? null : dec(trigger), "USDT",
                role != OrderRole.EXIT ? null : signal.action().isExit() ? CloseReason.SIGNAL_EXIT : CloseReason.REVERSAL);
    }

    Expect feeIn(String asset) {
        return new Expect(clientOrderId, botId, signalId, symbol, venue, role, side, type, quantity, triggerPrice,
                asset, closeReason);
    }

    String clientOrderId() {
        return clientOrderId;
    }

    /** NEW: the venue took the order. */
    OrderUpdated accepted(long time) {
        return event(OrderStatus.NEW, BigDecimal.ZERO, null, null, null, null, null, time);
    }

    OrderUpdated canceled(long time) {
        return event(OrderStatus.CANCELED, BigDecimal.ZERO, null, null, null, null, null, time);
    }

    /** FILLED at once, all of it; {@code realizedPnl} null for a fill that only opens. */
    OrderUpdated filled(String price, String fee, String realizedPnl, long time) {
        return event(OrderStatus.FILLED, quantity, dec(price), dec(fee), feeAsset, clientOrderId + "-1",
                realizedPnl == null ? null : dec(realizedPnl), time);
    }

    private OrderUpdated event(OrderStatus status, BigDecimal filled, BigDecimal price, BigDecimal fee, String asset,
                               String tradeId, BigDecimal realizedPnl, long time) {
        return new OrderUpdated(clientOrderId, null, botId, signalId, symbol, venue, role, side, type, status, quantity,
                null, triggerPrice, filled, price, price == null ? null : filled, price, fee, asset,
                role != OrderRole.ENTRY, null, tradeId, realizedPnl, null, rules.market(), rules.marginAsset(),
                rules.contractSize(), closeReason, time, NOW);
    }

    /**
     * The one event of a signal refused before any venue saw it: a MARKET order of the signal's bot in {@code role},
     * at the signal's event time, reduce-only unless it is the entry.
     */
    static OrderUpdated denied(SignalGenerated signal, Venue venue, OrderRole role, Side side, String quantity,
                               DenyReason reason) {
        return new OrderUpdated(ClientOrderIds.of(signal.signalId(), role), null, signal.botId(), signal.signalId(),
                signal.symbol(), venue, role, side, OrderType.MARKET, OrderStatus.DENIED, dec(quantity), null, null,
                BigDecimal.ZERO, null, null, null, null, null, role != OrderRole.ENTRY, null, null, null, reason.code(),
                null, null, null, null, signal.eventTime(), NOW);
    }

    /** The events are exactly these, in this order, every field equal (decimals by value, so 35574.4 = 35574.40). */
    static void assertOrders(List<OrderUpdated> actual, OrderUpdated... expected) {
        assertThat(actual).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(expected);
    }
}
