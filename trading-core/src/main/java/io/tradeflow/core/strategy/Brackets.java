package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.SignalAction;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stop-loss and take-profit of an entry, rounded and checked so that every {@link Decision.Signal} a strategy returns
 * is one {@code SignalGenerated} accepts.
 */
final class Brackets {

    /** Decimal places of stops and targets; execution rounds them to the symbol's tick size later. */
    static final int SCALE = 8;

    static final String ZERO_RISK = "zero-risk";
    static final String STOP_WRONG_SIDE = "stop-wrong-side";
    static final String STOP_NOT_POSITIVE = "stop-not-positive";
    static final String TARGET_NOT_POSITIVE = "target-not-positive";

    private Brackets() {
    }

    static BigDecimal round(BigDecimal level) {
        return level.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** Target at {@code riskReward} times the distance from entry to the (already rounded) stop. */
    static BigDecimal target(SignalAction entry, BigDecimal price, BigDecimal roundedStop, BigDecimal riskReward) {
        BigDecimal reward = price.subtract(roundedStop).abs().multiply(riskReward);
        return round(entry.direction() == Direction.LONG ? price.add(reward) : price.subtract(reward));
    }

    /** The entry signal, or the reason it cannot be sent. {@code stop} and {@code target} must be rounded. */
    static Decision entry(SignalAction entry, BigDecimal price, BigDecimal stop, BigDecimal target, String reason) {
        boolean isLong = entry.direction() == Direction.LONG;
        int stopSide = stop.compareTo(price);
        String levels = " (" + entry + " at " + price.toPlainString() + ", stop " + stop.toPlainString()
                + ", target " + target.toPlainString() + ")";
        if (stopSide == 0 || target.compareTo(price) == 0) {
            return new Decision.Rejected(ZERO_RISK, "stop or target equals the entry price" + levels);
        }
        if (isLong ? stopSide > 0 : stopSide < 0) {
            return new Decision.Rejected(STOP_WRONG_SIDE,
                    "stop is " + (isLong ? "above" : "below") + " the entry price" + levels);
        }
        if (stop.signum() <= 0) {
            return new Decision.Rejected(STOP_NOT_POSITIVE, "stop is not a positive price" + levels);
        }
        if (target.signum() <= 0) {
            return new Decision.Rejected(TARGET_NOT_POSITIVE, "target is not a positive price" + levels);
        }
        return new Decision.Signal(entry, stop, target, reason);
    }
}
