package io.tradeflow.core.execution;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Pre-trade limits beyond a bot's own {@code risk} (margin, leverage, max open positions).
 *
 * @param maxOpenPositions     positions all bots together may hold
 * @param maxNotionalPerSymbol open notional (quantity x entry price; USD for COIN-M) all bots may hold in one symbol
 * @param maxNotionalTotal     open notional of all bots together
 * @param dailyLossPercent     a bot whose balance fell this many percent since the start of its UTC day (by fill
 *                             time) is halted
 * @param maxDrawdownPercent   a bot whose balance fell this many percent below its peak is halted
 * @param maxSignalDelay       an entry signal that reached execution later than this after it was produced is denied
 */
public record RiskLimits(int maxOpenPositions, BigDecimal maxNotionalPerSymbol, BigDecimal maxNotionalTotal,
                         BigDecimal dailyLossPercent, BigDecimal maxDrawdownPercent, Duration maxSignalDelay) {

    public static final RiskLimits DEFAULTS = new RiskLimits(50, new BigDecimal("1000000"), new BigDecimal("5000000"),
            new BigDecimal("5"), new BigDecimal("20"), Duration.ofSeconds(30));

    public RiskLimits {
        Objects.requireNonNull(maxNotionalPerSymbol, "maxNotionalPerSymbol");
        Objects.requireNonNull(maxNotionalTotal, "maxNotionalTotal");
        Objects.requireNonNull(dailyLossPercent, "dailyLossPercent");
        Objects.requireNonNull(maxDrawdownPercent, "maxDrawdownPercent");
        Objects.requireNonNull(maxSignalDelay, "maxSignalDelay");
        if (maxOpenPositions < 1 || maxNotionalPerSymbol.signum() <= 0 || maxNotionalTotal.signum() <= 0
                || dailyLossPercent.signum() <= 0 || maxDrawdownPercent.signum() <= 0 || maxSignalDelay.isNegative()) {
            throw new IllegalArgumentException("risk limits must be positive: " + this);
        }
    }
}
