package io.tradeflow.execution.domain;

import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.Halt;
import io.tradeflow.core.execution.PaperAccount;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.core.event.SignalGenerated;

import java.util.List;

/**
 * What one {@link SeriesMerge.Step} did, to be stored in one transaction: the order events (written to the outbox
 * and the order tables), the outcome of every signal, the paper accounts it changed, the halts it tripped and the
 * resumes its entries applied.
 */
public record StepResult(SeriesMerge.Step step, List<OrderUpdated> orders, List<SignalOutcome> signals,
                         List<PaperAccount> accounts, List<Halt> halts, List<String> appliedResumes) {

    /** What became of one signal. */
    public record SignalOutcome(SignalGenerated signal, long receivedAt, Trader.Outcome outcome, String detail) {
    }

    /** True when nothing needs storing: a kline that triggered nothing. */
    public boolean empty() {
        return orders.isEmpty() && signals.isEmpty() && accounts.isEmpty() && halts.isEmpty() && appliedResumes.isEmpty();
    }
}
