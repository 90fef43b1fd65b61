package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.SignalAction;

import java.math.BigDecimal;

/** The outcome of evaluating one kline: nothing, a signal, or a signal the strategy had to drop. */
public sealed interface Decision {

    Decision NONE = new None();

    /** Nothing to do on this kline. */
    record None() implements Decision {
    }

    /**
     * Enter or exit. Entries carry a stop-loss and a take-profit on the correct sides of the kline's close; exits
     * carry neither.
     */
    record Signal(SignalAction action, BigDecimal stopLoss, BigDecimal takeProfit, String reason)
            implements Decision {
    }

    /**
     * The rule fired but no signal can be sent, e.g. the stop is on the wrong side of the entry or the risk is zero.
     *
     * @param reason a short, low-cardinality code for metrics ({@code stop-wrong-side}, {@code zero-risk})
     * @param detail human-readable, for the log
     */
    record Rejected(String reason, String detail) implements Decision {
    }
}
