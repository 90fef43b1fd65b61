package io.tradeflow.core.domain;

/** Lifecycle state of an order, as the venue reports it. */
public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED;

    /** True once the order can no longer fill. */
    public boolean isTerminal() {
        return this != NEW && this != PARTIALLY_FILLED;
    }
}
