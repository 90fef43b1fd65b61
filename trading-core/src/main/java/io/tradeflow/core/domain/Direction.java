package io.tradeflow.core.domain;

/**
 * Which way a position or a signal bets. Not called position side: on the exchange that word also covers one-way
 * mode ({@code BOTH}), which is not a direction.
 */
public enum Direction {
    LONG, SHORT;

    /** The order side that opens a position in this direction (the opposite side closes it). */
    public Side entrySide() {
        return this == LONG ? Side.BUY : Side.SELL;
    }

    public Side exitSide() {
        return this == LONG ? Side.SELL : Side.BUY;
    }
}
