package io.tradeflow.marketdata.replay;

import java.util.Locale;

/**
 * How fast recorded time passes: {@code max} (as fast as Kafka takes the klines) or a factor of real time, where
 * {@code 60} replays one recorded minute per wall-clock second.
 *
 * @param factor recorded milliseconds per wall-clock millisecond; 0 for {@code max}
 */
public record ReplaySpeed(double factor) {
    public static final ReplaySpeed MAX = new ReplaySpeed(0);

    public ReplaySpeed {
        if (factor < 0 || Double.isNaN(factor) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a replay speed factor must be a positive number, got " + factor);
        }
    }

    public static ReplaySpeed parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("max")) {
            return MAX;
        }
        try {
            double factor = Double.parseDouble(trimmed);
            if (factor > 0 && !Double.isInfinite(factor)) {
                return new ReplaySpeed(factor);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with what is expected
        }
        throw new ReplayException("tradeflow.market-data.replay.speed: '" + text
                + "' is neither max nor a positive factor of real time such as 60 (one recorded minute per second)");
    }

    public boolean isMax() {
        return factor == 0;
    }

    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        return (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor)) + "x";
    }
}
