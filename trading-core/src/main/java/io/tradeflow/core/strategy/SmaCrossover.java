package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.strategy.SmaCrossoverState.Cross;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The V1 strategy: enter in the direction of a confirmed cross of a fast over a slow SMA, stop beyond the lowest low
 * (highest high) of the last {@code pivotLookback} klines, target at {@code riskReward} times the risk. Exact rules in
 * {@code docs/strategies.md}.
 */
public final class SmaCrossover implements Strategy {

    public static final String TYPE = "sma-crossover";

    static final String FAST = "fast";
    static final String SLOW = "slow";
    static final String CONFIRMATION = "confirmationCandles";
    static final String MIN_INTERVAL = SignalSpacing.PARAMETER;
    static final String LOOKBACK = "pivotLookback";
    static final String STOP_BUFFER = "slBufferPercent";
    static final String RISK_REWARD = "riskReward";
    static final String ALLOW_SHORT = "allowShort";

    private static final PeriodNames SMA = new PeriodNames("sma");
    private static final PeriodNames LOWEST = new PeriodNames("lowest");
    private static final PeriodNames HIGHEST = new PeriodNames("highest");

    private static final List<Parameter> PARAMETERS = List.of(
            Parameter.integer(FAST, 21, 2, 1000, "fast SMA period, below slow"),
            Parameter.integer(SLOW, 200, 3, 1000, "slow SMA period"),
            Parameter.integer(CONFIRMATION, 1, 0, 50,
                    "klines after the cross on which fast must still be beyond slow before the signal (0: on the cross)"),
            SignalSpacing.parameter(15),
            Parameter.integer(LOOKBACK, 10, 1, 500,
                    "klines (the current one included) whose lowest low / highest high sets the stop"),
            Parameter.decimal(STOP_BUFFER, "0", "0", "50", "percent the stop is moved further from the entry"),
            Parameter.decimal(RISK_REWARD, "2", "0.1", "20", "target distance as a multiple of the stop distance"),
            Parameter.bool(ALLOW_SHORT, true, "whether a death cross enters short (else it only exits a long)"));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public void validate(Parameters params) {
        if (params.integer(FAST) >= params.integer(SLOW)) {
            throw new InvalidParameterException(Strategies.PARAMS_FIELD + FAST, "parameter 'fast' must be below 'slow' ("
                    + params.integer(SLOW) + "), not '" + params.integer(FAST) + "'");
        }
    }

    @Override
    public Set<String> indicators(Parameters params) {
        return bind(params).indicators();
    }

    @Override
    public StrategyState initialState() {
        return SmaCrossoverState.INITIAL;
    }

    @Override
    public Rule rule(Parameters params) {
        return bind(params);
    }

    private static Bound bind(Parameters params) {
        BigDecimal buffer = params.decimal(STOP_BUFFER).movePointLeft(2);
        int lookback = params.integer(LOOKBACK);
        return new Bound(SMA.of(params.integer(FAST)), SMA.of(params.integer(SLOW)), LOWEST.of(lookback),
                HIGHEST.of(lookback), params.integer(CONFIRMATION), params.integer(MIN_INTERVAL),
                BigDecimal.ONE.subtract(buffer), BigDecimal.ONE.add(buffer), params.decimal(RISK_REWARD),
                params.bool(ALLOW_SHORT));
    }

    /**
     * The rule for one set of parameters.
     *
     * @param fast            the fast SMA's indicator name, e.g. {@code sma(21)}
     * @param slow            the slow SMA's name
     * @param lowest          the name of the lowest low a long's stop is set beyond
     * @param highest         the name of the highest high a short's stop is set beyond
     * @param confirmation    klines the cross must hold before the signal
     * @param minInterval     minimum minutes between two signals
     * @param longStopFactor  what the lowest low is multiplied by for a long's stop: 1 - slBufferPercent / 100
     * @param shortStopFactor what the highest high is multiplied by for a short's stop: 1 + slBufferPercent / 100
     * @param riskReward      target distance as a multiple of the stop distance
     * @param allowShort      whether a death cross enters short
     */
    private record Bound(String fast, String slow, String lowest, String highest, int confirmation, int minInterval,
            BigDecimal longStopFactor, BigDecimal shortStopFactor, BigDecimal riskReward, boolean allowShort)
            implements Rule {

        Set<String> indicators() {
            Set<String> names = new LinkedHashSet<>(List.of(fast, slow, lowest));
            if (allowShort) {
                names.add(highest);
            }
            return names;
        }

        @Override
        public Evaluation evaluate(IndicatorsComputed snapshot, StrategyState state) {
            SmaCrossoverState before = (SmaCrossoverState) state;
            BigDecimal fastValue = snapshot.values().get(fast);
            BigDecimal slowValue = snapshot.values().get(slow);
            if (fastValue == null || slowValue == null) {
                // Without both SMAs a cross can be neither seen nor confirmed, so a pending one is dropped too.
                return new Evaluation(Decision.NONE, new SmaCrossoverState(null, null, null, before.position(),
                        before.lastSignalCloseTime()));
            }
            Cross cross = crossAfter(before, fastValue, slowValue);
            if (cross == null || cross.klinesSinceCross() < confirmation) {
                return new Evaluation(Decision.NONE, new SmaCrossoverState(fastValue, slowValue, cross,
                        before.position(), before.lastSignalCloseTime()));
            }
            SignalAction action = actionFor(cross.direction(), before.position(), allowShort);
            if (action == null) {
                // The cross agrees with what the bot already holds: nothing to do, and nothing left to wait for.
                return new Evaluation(Decision.NONE, new SmaCrossoverState(fastValue, slowValue, null,
                        before.position(), before.lastSignalCloseTime()));
            }
            Decision.Rejected tooSoon = SignalSpacing.check(before.lastSignalCloseTime(), snapshot.closeTime(),
                    minInterval);
            if (tooSoon != null) {
                // Held, not dropped: the cross still describes the trend, so it fires once the interval allows.
                return new Evaluation(tooSoon, new SmaCrossoverState(fastValue, slowValue, cross, before.position(),
                        before.lastSignalCloseTime()));
            }
            String reason = reason(cross, before.position());
            Decision decision = action.isEntry()
                    ? entry(snapshot, action, reason)
                    : new Decision.Signal(action, null, null, reason);
            if (decision == null) {
                // The stop's lowest/highest has not warmed up yet (pivotLookback above slow): wait with the cross
                // held.
                return new Evaluation(Decision.NONE, new SmaCrossoverState(fastValue, slowValue, cross,
                        before.position(), before.lastSignalCloseTime()));
            }
            if (decision instanceof Decision.Rejected refused && before.position() != NotionalPosition.FLAT) {
                // The reversing entry cannot be sent, but the cross still says the held side is wrong: leave it.
                action = before.position() == NotionalPosition.LONG ? SignalAction.EXIT_LONG : SignalAction.EXIT_SHORT;
                decision = new Decision.Signal(action, null, null,
                        reason + "; the reversing entry was refused (" + refused.reason() + "), exits only");
            }
            if (decision instanceof Decision.Signal) {
                return new Evaluation(decision, new SmaCrossoverState(fastValue, slowValue, null,
                        NotionalPosition.after(action), snapshot.closeTime()));
            }
            return new Evaluation(decision, new SmaCrossoverState(fastValue, slowValue, null, before.position(),
                    before.lastSignalCloseTime()));
        }

        /** Null when the lowest/highest the stop needs is not in the snapshot yet. */
        private Decision entry(IndicatorsComputed snapshot, SignalAction action, String reason) {
            boolean isLong = action == SignalAction.ENTER_LONG;
            BigDecimal extreme = snapshot.values().get(isLong ? lowest : highest);
            if (extreme == null) {
                return null;
            }
            BigDecimal stop = Brackets.round(extreme.multiply(isLong ? longStopFactor : shortStopFactor));
            BigDecimal price = snapshot.close();
            BigDecimal target = Brackets.target(action, price, stop, riskReward);
            return Brackets.entry(action, price, stop, target, reason);
        }

        private String reason(Cross cross, NotionalPosition position) {
            String text = fast + (cross.direction() == Direction.LONG ? " crossed above " : " crossed below ") + slow;
            int held = cross.klinesSinceCross();
            if (held > 0) {
                text += " " + held + (held == 1 ? " kline" : " klines") + " ago and held";
            }
            if (cross.direction() == Direction.LONG && position == NotionalPosition.SHORT) {
                text += "; reverses the short";
            } else if (cross.direction() == Direction.SHORT && position == NotionalPosition.LONG) {
                text += allowShort ? "; reverses the long" : "; shorts not allowed, exits the long";
            }
            return text;
        }
    }

    /** The cross pending after this kline: a new one, the previous one held one more kline, or none. */
    private static Cross crossAfter(SmaCrossoverState before, BigDecimal fast, BigDecimal slow) {
        if (before.fast() == null) {
            return null;
        }
        int then = before.fast().compareTo(before.slow());
        int now = fast.compareTo(slow);
        if (then <= 0 && now > 0) {
            return new Cross(Direction.LONG, 0);
        }
        if (then >= 0 && now < 0) {
            return new Cross(Direction.SHORT, 0);
        }
        Cross pending = before.pending();
        if (pending == null) {
            return null;
        }
        boolean holds = pending.direction() == Direction.LONG ? now > 0 : now < 0;
        return holds ? pending.held() : null;
    }

    private static SignalAction actionFor(Direction cross, NotionalPosition position, boolean allowShort) {
        if (cross == Direction.LONG) {
            return position == NotionalPosition.LONG ? null : SignalAction.ENTER_LONG;
        }
        if (allowShort) {
            return position == NotionalPosition.SHORT ? null : SignalAction.ENTER_SHORT;
        }
        return position == NotionalPosition.LONG ? SignalAction.EXIT_LONG : null;
    }
}
