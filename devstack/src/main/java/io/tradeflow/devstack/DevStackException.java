package io.tradeflow.devstack;

/** A devstack failure whose message tells the user what to do. */
public class DevStackException extends RuntimeException {
    public DevStackException(String message) {
        super(message);
    }

    public DevStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
