package io.tradeflow.core.domain;

/**
 * Why a position closed: which order brought it back to zero. {@code STOP_LOSS} and {@code TAKE_PROFIT} follow from
 * the order's role; an {@code EXIT} order says which of the others it is ({@code OrderUpdated.closeReason}).
 */
public enum CloseReason {
    /** The bracket's stop-loss order filled. */
    STOP_LOSS,
    /** The bracket's take-profit order filled. */
    TAKE_PROFIT,
    /** The strategy signalled an exit ({@code EXIT_LONG}, {@code EXIT_SHORT}). */
    SIGNAL_EXIT,
    /** The strategy signalled an entry the other way: the position closed before the new one opened. */
    REVERSAL,
    /** A person closed it (stopping a bot with its position closed, or an order not caused by a signal). */
    MANUAL,
    /** The venue closed it for want of margin. */
    LIQUIDATION
}
