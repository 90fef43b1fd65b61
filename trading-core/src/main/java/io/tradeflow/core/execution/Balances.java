package io.tradeflow.core.execution;

import java.math.BigDecimal;

/**
 * A bot's money at its venue, in the margin asset, for the daily loss and drawdown limits.
 *
 * @param day             UTC epoch day {@code dayStartBalance} belongs to
 * @param dayStartBalance balance before the first fill of {@code day}
 * @param peakBalance     highest balance so far
 */
public record Balances(BigDecimal balance, BigDecimal dayStartBalance, long day, BigDecimal peakBalance) {
}
