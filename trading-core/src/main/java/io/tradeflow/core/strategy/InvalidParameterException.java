package io.tradeflow.core.strategy;

/** A bot's strategy parameters cannot be run; the message names the parameter and says what is allowed. */
public final class InvalidParameterException extends IllegalArgumentException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending parameter's name ({@code strategy.type} when the strategy itself is unknown). */
    public String parameter() {
        return parameter;
    }
}
