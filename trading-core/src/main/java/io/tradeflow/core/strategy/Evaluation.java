package io.tradeflow.core.strategy;

import java.util.Objects;

/** What one evaluation decided and the bot's state after it. */
public record Evaluation(Decision decision, StrategyState state) {

    public Evaluation {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(state, "state");
    }
}
