package io.tradeflow.core.domain;

/**
 * Lifecycle state of an order, as the venue reports it; {@code DENIED} is ours: pre-trade risk refused the order
 * before any venue saw it (NautilusTrader's OrderDenied), {@code REJECTED} is the venue's refusal.
 */
public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, DENIED;

    /** True once the order can no longer fill. */
    public boolean isTerminal() {
        return this != NEW && this != PARTIALLY_FILLED;
    }
}
