package io.tradeflow.execution.domain;

import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.PaperVenue;
import io.tradeflow.core.execution.Trader;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one market-time step: the kline's stop and target checks at the paper venue, then the closes asked for by
 * stopping a bot with {@code closePosition} (of the positions on the kline's series), then each of its signals
 * through the {@link Trader}. The same classes a backtest runs; this only gathers what the step changed.
 * Not thread-safe: the input consumer's one thread calls it.
 */
public final class ExecutionEngine {
    private final Trader trader;
    private final PaperVenue paper;
    private final BotRegistry bots;

    public ExecutionEngine(Trader trader, PaperVenue paper, BotRegistry bots) {
        this.trader = trader;
        this.paper = paper;
        this.bots = bots;
    }

    public StepResult process(SeriesMerge.Step step) {
        List<OrderUpdated> orders = new ArrayList<>();
        if (step.kline() != null) {
            orders.addAll(paper.onKline(step.kline()));
            orders.addAll(closes(step.kline()));
        }
        List<StepResult.SignalOutcome> outcomes = new ArrayList<>();
        for (SeriesMerge.Received received : step.signals()) {
            Trader.Decision decision = trader.onSignal(received.signal(),
                    bots.get(received.signal().botId()).orElse(null), received.receivedAt());
            orders.addAll(decision.orders());
            outcomes.add(new StepResult.SignalOutcome(received.signal(), received.receivedAt(), decision.outcome(),
                    decision.detail()));
        }
        return new StepResult(step, List.copyOf(orders), List.copyOf(outcomes), paper.drainChanged(),
                trader.drainNewHalts(), trader.drainAppliedResumes());
    }

    /**
     * Closes the positions of bots stopped with {@code closePosition} that are held on the kline's series (a paper
     * account's, which is where the position's stops are checked too; a Binance bot's series), at the kline's close,
     * after its stop checks (a stop that fired leaves nothing to close). By bot id, so a replay closes in the same
     * order.
     */
    private List<OrderUpdated> closes(KlineClosed kline) {
        List<OrderUpdated> orders = new ArrayList<>();
        for (BotDefinition bot : bots.closing()) {
            // A paper position is checked on its own series; a Binance bot's position on the bot's (the Trader then
            // asks its venue what it holds).
            boolean heldHere = bot.venue() == Venue.PAPER
                    ? paper.account(bot.botId()).filter(a -> !a.flat() && a.symbol().equals(kline.symbol())
                    && a.interval() == kline.interval()).isPresent()
                    : bot.symbol().equals(kline.symbol()) && bot.interval() == kline.interval();
            if (heldHere) {
                orders.addAll(trader.closeStopped(bot, kline).orders());
            }
        }
        return orders;
    }
}
