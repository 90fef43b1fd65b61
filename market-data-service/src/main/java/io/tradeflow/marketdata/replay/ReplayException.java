package io.tradeflow.marketdata.replay;

/** The replay cannot start or go on: a file is missing, unreadable or badly named, or a setting is invalid. */
public class ReplayException extends RuntimeException {

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
