package io.tradeflow.core.strategy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an {@link RsiReversion} bot remembers between klines.
 *
 * @param rsi                 the previous kline's RSI, null when it had none (not warmed up)
 * @param position            what the bot holds according to the signals it sent
 * @param lastSignalCloseTime close time of the kline of the last signal sent, 0 before the first
 */
public record RsiReversionState(BigDecimal rsi, NotionalPosition position, long lastSignalCloseTime)
        implements StrategyState {

    static final RsiReversionState INITIAL = new RsiReversionState(null, NotionalPosition.FLAT, SignalSpacing.NEVER);

    public RsiReversionState {
        Objects.requireNonNull(position, "position");
    }
}
