package io.tradeflow.core.execution;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the paper venue fills.
 *
 * @param slippageBps     basis points every fill price moves against the trader (default 2)
 * @param takerFeeBps     fee of every fill in basis points of its notional, in the margin asset (default 5, Binance
 *                        USD-M's base taker rate, "Trading Fee Rate" on binance.com/en/fee/futureFee)
 * @param startingBalance each bot's paper wallet at its first order, in the margin asset (default 10000)
 */
public record PaperSettings(BigDecimal slippageBps, BigDecimal takerFeeBps, BigDecimal startingBalance) {

    public static final PaperSettings DEFAULTS =
            new PaperSettings(new BigDecimal("2"), new BigDecimal("5"), new BigDecimal("10000"));

    public PaperSettings {
        Objects.requireNonNull(slippageBps, "slippageBps");
        Objects.requireNonNull(takerFeeBps, "takerFeeBps");
        Objects.requireNonNull(startingBalance, "startingBalance");
        if (slippageBps.signum() < 0 || takerFeeBps.signum() < 0) {
            throw new IllegalArgumentException("slippage-bps and taker-fee-bps must not be negative: "
                    + slippageBps.toPlainString() + ", " + takerFeeBps.toPlainString());
        }
        if (startingBalance.signum() <= 0) {
            throw new IllegalArgumentException("starting-balance must be positive: " + startingBalance.toPlainString());
        }
    }
}
