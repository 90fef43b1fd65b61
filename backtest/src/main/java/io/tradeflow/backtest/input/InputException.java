package io.tradeflow.backtest.input;

/**
 * A file the backtest reads cannot be used (kline files, the symbol rules, a range with no kline): the message names
 * the file, and the line where there is one, and says what to do. {@code bin/backtest} exits with 1.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
