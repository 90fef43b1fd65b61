package io.tradeflow.backtest.sweep;

import java.util.Optional;

/**
 * A sweep cannot run as asked: a bad {@code --grid}, an unknown parameter or a value its strategy refuses, an empty
 * range, too many combinations, an unknown measure. The message names the option and says what is allowed;
 * {@code bin/backtest} exits with 2, as for any wrong option.
 */
public class InvalidSweepException extends IllegalArgumentException {
    private final String strategyType;

    public InvalidSweepException(String message) {
        this(message, null);
    }

    /** @param strategyType the strategy whose parameter is at fault, so that its parameters can be listed */
    public InvalidSweepException(String message, String strategyType) {
        super(message);
        this.strategyType = strategyType;
    }

    /** The strategy whose parameters the message is about, when it is about one: its parameters should be listed. */
    public Optional<String> strategyType() {
        return Optional.ofNullable(strategyType);
    }
}
