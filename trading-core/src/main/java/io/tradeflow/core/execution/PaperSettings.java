package io.tradeflow.core.execution;

import io.tradeflow.core.domain.Market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the paper venue fills.
 *
 * @param slippageBps          basis points every fill price moves against the trader (default 2)
 * @param takerFeeBps          fee of every fill in basis points of its notional, in the margin asset (default 5,
 *                             Binance USD-M's base taker rate, "Trading Fee Rate" on binance.com/en/fee/futureFee)
 * @param startingBalance      each USD-M bot's paper wallet at its first order, in the quote asset (default 10000)
 * @param coinMStartingBalance each COIN-M bot's paper wallet, in its coin (margin and PnL are in the coin; default 1)
 */
public record PaperSettings(BigDecimal slippageBps, BigDecimal takerFeeBps, BigDecimal startingBalance,
                            BigDecimal coinMStartingBalance) {

    public static final PaperSettings DEFAULTS = new PaperSettings(new BigDecimal("2"), new BigDecimal("5"),
            new BigDecimal("10000"), BigDecimal.ONE);

    public PaperSettings {
        Objects.requireNonNull(slippageBps, "slippageBps");
        Objects.requireNonNull(takerFeeBps, "takerFeeBps");
        Objects.requireNonNull(startingBalance, "startingBalance");
        Objects.requireNonNull(coinMStartingBalance, "coinMStartingBalance");
        if (slippageBps.signum() < 0 || takerFeeBps.signum() < 0) {
            throw new IllegalArgumentException("slippage-bps and taker-fee-bps must not be negative: "
                    + slippageBps.toPlainString() + ", " + takerFeeBps.toPlainString());
        }
        if (startingBalance.signum() <= 0 || coinMStartingBalance.signum() <= 0) {
            throw new IllegalArgumentException("starting balances must be positive: " + startingBalance.toPlainString()
                    + ", " + coinMStartingBalance.toPlainString());
        }
    }

    /** USD-M settings with the default COIN-M balance. */
    public PaperSettings(BigDecimal slippageBps, BigDecimal takerFeeBps, BigDecimal startingBalance) {
        this(slippageBps, takerFeeBps, startingBalance, BigDecimal.ONE);
    }

    /** The starting balance of a bot on {@code market}, in its margin asset. */
    public BigDecimal startingBalance(Market market) {
        return market == Market.COIN_M ? coinMStartingBalance : startingBalance;
    }
}
