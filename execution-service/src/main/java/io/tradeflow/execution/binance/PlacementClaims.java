package io.tradeflow.execution.binance;

/**
 * Remembers, durably and before anything is sent, each client order id this service is about to place: after a crash
 * the step that placed it runs again with the same ids (they are derived from the signal), and an id claimed before
 * means the order may already be on Binance, so it is looked up instead of sent ({@link BinanceOrders}).
 */
public interface PlacementClaims {

    /** Claims {@code clientOrderId}; true the first time, false when it was claimed before (the order may exist). */
    boolean claim(String clientOrderId);
}
