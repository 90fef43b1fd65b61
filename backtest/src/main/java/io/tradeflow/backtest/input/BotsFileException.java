package io.tradeflow.backtest.input;

import java.util.Optional;

/**
 * A bots file cannot be run: the message names the file, the bot and the field, and says what is allowed.
 * {@code bin/backtest} exits with 2, as for a wrong option.
 */
public class BotsFileException extends RuntimeException {
    private final String strategyType;

    public BotsFileException(String message, String strategyType, Throwable cause) {
        super(message, cause);
        this.strategyType = strategyType;
    }

    /** The strategy of the entry at fault when it is a known one, so that its parameters can be listed. */
    public Optional<String> strategyType() {
        return Optional.ofNullable(strategyType);
    }
}
