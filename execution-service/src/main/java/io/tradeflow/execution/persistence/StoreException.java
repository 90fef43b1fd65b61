package io.tradeflow.execution.persistence;

/** PostgreSQL failed; the message says what was being done. The caller retries. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
