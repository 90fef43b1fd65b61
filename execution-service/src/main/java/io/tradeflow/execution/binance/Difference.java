package io.tradeflow.execution.binance;

/**
 * One way the account at Binance differs from what the platform placed and booked, found by reconciliation
 * ({@link BinanceVenue#reconcile}). Reported (log, metric, REST), never "fixed" by overwriting either side: an order
 * or position the platform did not make is left alone, one of ours that Binance no longer has open is read again.
 *
 * @param kind     {@code unknown-order} (open at Binance, not ours), {@code unknown-algo-order}, {@code order-gone}
 *                 (ours, no longer open at Binance: read again and its end booked), {@code foreign-position} (a
 *                 position no bot of this account holds), {@code position-mismatch} (the bots' booked positions do
 *                 not add up to Binance's)
 * @param symbol   the symbol concerned
 * @param clientId the client (algo) order id concerned, or null
 * @param detail   what each side says
 */
public record Difference(String kind, String symbol, String clientId, String detail) {
}
