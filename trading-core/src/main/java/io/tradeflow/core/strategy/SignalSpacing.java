package io.tradeflow.core.strategy;

import java.time.Duration;

/** The {@code minSignalIntervalMinutes} rule: no two signals of one bot closer than that, between kline closes. */
final class SignalSpacing {

    static final String REJECTED = "min-interval";
    static final String PARAMETER = "minSignalIntervalMinutes";

    /** State value for "no signal sent yet"; real close times are positive. */
    static final long NEVER = 0;

    private SignalSpacing() {
    }

    /** The parameter every strategy that spaces its signals declares, with its own default. */
    static Parameter parameter(int defaultMinutes) {
        return Parameter.integer(PARAMETER, defaultMinutes, 0, 10080,
                "minimum minutes between two signals of the bot, between kline close times");
    }

    /** The rejection if a signal on the kline closing at {@code closeTime} would come too soon, else null. */
    static Decision.Rejected check(long lastSignalCloseTime, long closeTime, int minMinutes) {
        if (lastSignalCloseTime == NEVER) {
            return null;
        }
        long earliest = lastSignalCloseTime + Duration.ofMinutes(minMinutes).toMillis();
        if (closeTime >= earliest) {
            return null;
        }
        return new Decision.Rejected(REJECTED, "last signal at close time " + lastSignalCloseTime + ", next allowed at "
                + earliest + " (minSignalIntervalMinutes " + minMinutes + "), this kline closes at " + closeTime);
    }
}
