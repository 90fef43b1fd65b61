package io.tradeflow.marketdata.exchange;

/** A message from Binance that cannot be read: bad JSON, a missing field, a number that is not one. */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
