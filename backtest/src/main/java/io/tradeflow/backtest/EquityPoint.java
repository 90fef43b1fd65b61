package io.tradeflow.backtest;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A bot's equity at one kline's close: its paper wallet plus the open position's unrealized PnL marked to that close,
 * in the margin asset.
 *
 * @param time     the kline's close time, epoch ms
 * @param equity   wallet balance + unrealized PnL, in the margin asset
 * @param inMarket whether a position was open at that close (what exposure counts)
 */
public record EquityPoint(long time, BigDecimal equity, boolean inMarket) {
    public EquityPoint {
        Objects.requireNonNull(equity, "equity");
    }
}
