package io.tradeflow.position.ledger;

/**
 * An order event that says it filled but cannot be booked as it is (no market or margin asset, a quantity that makes
 * no position): a fault of the record, not of PostgreSQL, so it goes to the dead-letter topic instead of being retried.
 */
public class UnbookableFill extends RuntimeException {
    public UnbookableFill(String message) {
        super(message);
    }

    public UnbookableFill(String message, Throwable cause) {
        super(message, cause);
    }
}
