package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.Direction;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an {@link SmaCrossover} bot remembers between klines.
 *
 * @param fast                the previous kline's fast SMA, null when it had none (not warmed up)
 * @param slow                the previous kline's slow SMA, null when it had none
 * @param pending             a cross waiting for confirmation or for the minimum interval, null when none
 * @param position            what the bot holds according to the signals it sent
 * @param lastSignalCloseTime close time of the kline of the last signal sent, 0 before the first
 */
public record SmaCrossoverState(BigDecimal fast, BigDecimal slow, Cross pending, NotionalPosition position,
        long lastSignalCloseTime) implements StrategyState {

    static final SmaCrossoverState INITIAL = new SmaCrossoverState(null, null, null, NotionalPosition.FLAT,
            SignalSpacing.NEVER);

    public SmaCrossoverState {
        Objects.requireNonNull(position, "position");
        if ((fast == null) != (slow == null)) {
            throw new IllegalArgumentException("fast and slow are both present or both absent");
        }
    }

    /**
     * A cross of the fast over the slow SMA that has not become a signal yet.
     *
     * @param direction        LONG for a golden cross (fast above slow), SHORT for a death cross
     * @param klinesSinceCross 0 on the cross kline, plus one for every later kline on which the cross held
     */
    public record Cross(Direction direction, int klinesSinceCross) {

        public Cross {
            Objects.requireNonNull(direction, "direction");
        }

        Cross held() {
            return new Cross(direction, klinesSinceCross + 1);
        }
    }
}
