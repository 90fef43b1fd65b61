package io.tradeflow.execution.binance;

/**
 * What the caller of {@link BinanceRest} should do about a failed request. Decided by {@link ErrorCodes} from Binance's
 * error code, and by {@link BinanceRest} from the HTTP status or the transport failure when there is no code.
 */
public enum Handling {
    /** Transient, and the request certainly did nothing: send it again later (after the {@link RequestGate}'s wait). */
    RETRY,
    /**
     * Our view of the account (clock, position, position mode, open orders, listenKey) is stale: read it again from
     * Binance, then decide; resending the same request unchanged would fail the same way.
     */
    RESYNC,
    /** Binance refused this request for what it is (parameters, margin, permissions): resending it would not help. */
    REJECT,
    /**
     * The request may or may not have been executed (a timeout, HTTP 5xx, "execution status unknown"): for an order,
     * query it by its clientOrderId before anything else; never resend blind, it would be a second order.
     */
    UNKNOWN_OUTCOME
}
