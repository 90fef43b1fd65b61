package io.tradeflow.execution.binance;

import io.tradeflow.core.execution.PlaceOrder;

/**
 * Remembers, durably and before anything is sent, each order this service is about to place (its intent): after a
 * crash the step that placed it runs again with the same ids (they are derived from the signal), and an order claimed
 * before may already be on Binance, so it is looked up instead of sent ({@link BinanceOrders}); and a restart takes it
 * up even when its step was never stored.
 */
public interface PlacementClaims {

    /** Claims {@code order}; true the first time, false when it was claimed before (the order may exist). */
    boolean claim(PlaceOrder order);
}
