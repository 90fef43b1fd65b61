package io.tradeflow.core.execution;

import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.position.Position;

import java.util.List;
import java.util.Optional;

/**
 * Where a bot's orders go: the paper venue, or an exchange account (execution-service's adapter). {@link Trader}
 * decides what a signal does from what the venue says the bot holds, never from what the strategy assumes, then asks
 * the venue to do it. Every method returns the order events it caused, in order, for {@code orders.v1}.
 */
public interface TradingVenue {

    /** The bot's open position at the venue, empty when flat. */
    Optional<Position> position(String botId);

    /** The bot's balances, empty before its first order. */
    Optional<Balances> balances(String botId);

    /** Why the bot cannot afford the entry (margin plus fee), or empty when it can. */
    Optional<Denial> affordable(PlaceOrder entry);

    /**
     * Places a MARKET order (the paper venue fills it at once, and cancels the bot's resting orders when the fill leaves
     * it flat).
     */
    List<OrderUpdated> market(PlaceOrder order);

    /** Places a reduce-only STOP_MARKET or TAKE_PROFIT_MARKET order that rests until triggered or canceled. */
    List<OrderUpdated> conditional(PlaceOrder order);

    /** Cancels every resting order of the bot. */
    List<OrderUpdated> cancelWorking(String botId, long time);

    /**
     * Makes the bot's daily loss and drawdown count from its current balance ({@link Balances}: day start and peak
     * become the balance, the day the UTC day of {@code time}, epoch ms). {@link Trader} calls it at the first entry
     * after a resume: the resume accepted the losses so far.
     */
    void restartLossLimits(String botId, long time);
}
