package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.event.IndicatorsComputed;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Mean reversion on RSI: enter long when RSI comes back up out of oversold, short (if allowed) when it comes back
 * down out of overbought; stop and target at multiples of ATR; exit at the opposite extreme. Exact rules in
 * {@code docs/strategies.md}.
 */
public final class RsiReversion implements Strategy {

    public static final String TYPE = "rsi-reversion";

    static final String PERIOD = "period";
    static final String OVERSOLD = "oversold";
    static final String OVERBOUGHT = "overbought";
    static final String ALLOW_SHORT = "allowShort";
    static final String ATR_PERIOD = "atrPeriod";
    static final String STOP_ATR = "stopAtr";
    static final String TARGET_ATR = "targetAtr";
    static final String MIN_INTERVAL = SignalSpacing.PARAMETER;

    private static final PeriodNames RSI = new PeriodNames("rsi");
    private static final PeriodNames ATR = new PeriodNames("atr");

    private static final List<Parameter> PARAMETERS = List.of(
            Parameter.integer(PERIOD, 14, 2, 500, "RSI period"),
            Parameter.decimal(OVERSOLD, "30", "1", "49", "RSI level below which the market is oversold"),
            Parameter.decimal(OVERBOUGHT, "70", "51", "99", "RSI level above which the market is overbought"),
            Parameter.bool(ALLOW_SHORT, false, "whether RSI falling back out of overbought enters short"),
            Parameter.integer(ATR_PERIOD, 14, 1, 500, "ATR period for the stop and the target"),
            Parameter.decimal(STOP_ATR, "1.5", "0.1", "20", "stop distance from the entry, in ATRs"),
            Parameter.decimal(TARGET_ATR, "3", "0.1", "50", "target distance from the entry, in ATRs"),
            SignalSpacing.parameter(0));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Set<String> indicators(Parameters params) {
        return bind(params).indicators();
    }

    @Override
    public StrategyState initialState() {
        return RsiReversionState.INITIAL;
    }

    @Override
    public Rule rule(Parameters params) {
        return bind(params);
    }

    private static Bound bind(Parameters params) {
        return new Bound(RSI.of(params.integer(PERIOD)), ATR.of(params.integer(ATR_PERIOD)),
                params.decimal(OVERSOLD), params.decimal(OVERBOUGHT), params.bool(ALLOW_SHORT),
                params.decimal(STOP_ATR), params.decimal(TARGET_ATR), params.integer(MIN_INTERVAL));
    }

    /**
     * The rule for one set of parameters.
     *
     * @param rsi         the RSI's indicator name, e.g. {@code rsi(14)}
     * @param atr         the ATR's name
     * @param oversold    RSI level below which the market is oversold
     * @param overbought  RSI level above which it is overbought
     * @param allowShort  whether RSI falling back out of overbought enters short
     * @param stopAtr     stop distance from the entry, in ATRs
     * @param targetAtr   target distance from the entry, in ATRs
     * @param minInterval minimum minutes between two signals
     */
    private record Bound(String rsi, String atr, BigDecimal oversold, BigDecimal overbought, boolean allowShort,
            BigDecimal stopAtr, BigDecimal targetAtr, int minInterval) implements Rule {

        Set<String> indicators() {
            return new LinkedHashSet<>(List.of(rsi, atr));
        }

        @Override
        public Evaluation evaluate(IndicatorsComputed snapshot, StrategyState state) {
            RsiReversionState before = (RsiReversionState) state;
            BigDecimal rsiValue = snapshot.values().get(rsi);
            RsiReversionState unchanged = new RsiReversionState(rsiValue, before.position(),
                    before.lastSignalCloseTime());
            if (rsiValue == null) {
                return new Evaluation(Decision.NONE, unchanged);
            }
            SignalAction action = actionFor(before, rsiValue);
            if (action == null) {
                return new Evaluation(Decision.NONE, unchanged);
            }
            BigDecimal atrValue = snapshot.values().get(atr);
            if (action.isEntry() && atrValue == null) {
                return new Evaluation(Decision.NONE, unchanged);
            }
            // A held-back entry is dropped (the cross-back is the moment to enter); a held-back exit is retried on
            // every kline while RSI stays at the extreme, since its rule is a level, not a cross.
            Decision.Rejected tooSoon = SignalSpacing.check(before.lastSignalCloseTime(), snapshot.closeTime(),
                    minInterval);
            if (tooSoon != null) {
                return new Evaluation(tooSoon, unchanged);
            }
            String reason = reason(action, before, rsiValue);
            Decision decision = action.isEntry()
                    ? entry(snapshot.close(), action, atrValue, reason)
                    : new Decision.Signal(action, null, null, reason);
            if (decision instanceof Decision.Signal) {
                return new Evaluation(decision, new RsiReversionState(rsiValue, NotionalPosition.after(action),
                        snapshot.closeTime()));
            }
            return new Evaluation(decision, unchanged);
        }

        private SignalAction actionFor(RsiReversionState before, BigDecimal rsiValue) {
            NotionalPosition position = before.position();
            if (position == NotionalPosition.LONG && rsiValue.compareTo(overbought) >= 0) {
                return SignalAction.EXIT_LONG;
            }
            if (position == NotionalPosition.SHORT && rsiValue.compareTo(oversold) <= 0) {
                return SignalAction.EXIT_SHORT;
            }
            BigDecimal previous = before.rsi();
            if (previous == null) {
                return null;
            }
            if (position != NotionalPosition.LONG && previous.compareTo(oversold) < 0
                    && rsiValue.compareTo(oversold) >= 0) {
                return SignalAction.ENTER_LONG;
            }
            if (allowShort && position != NotionalPosition.SHORT && previous.compareTo(overbought) > 0
                    && rsiValue.compareTo(overbought) <= 0) {
                return SignalAction.ENTER_SHORT;
            }
            return null;
        }

        private Decision entry(BigDecimal price, SignalAction action, BigDecimal atrValue, String reason) {
            BigDecimal stopDistance = stopAtr.multiply(atrValue);
            BigDecimal targetDistance = targetAtr.multiply(atrValue);
            boolean isLong = action == SignalAction.ENTER_LONG;
            BigDecimal stop = Brackets.round(isLong ? price.subtract(stopDistance) : price.add(stopDistance));
            BigDecimal target = Brackets.round(isLong ? price.add(targetDistance) : price.subtract(targetDistance));
            return Brackets.entry(action, price, stop, target, reason);
        }

        private String reason(SignalAction action, RsiReversionState before, BigDecimal rsiValue) {
            String now = rsi + " " + rsiValue.toPlainString();
            String text = switch (action) {
                case ENTER_LONG -> now + " rose back above oversold " + oversold.toPlainString()
                        + " from " + before.rsi().toPlainString();
                case ENTER_SHORT -> now + " fell back below overbought " + overbought.toPlainString()
                        + " from " + before.rsi().toPlainString();
                case EXIT_LONG -> now + " reached overbought " + overbought.toPlainString();
                case EXIT_SHORT -> now + " reached oversold " + oversold.toPlainString();
            };
            boolean reverses = action.isEntry() && before.position() != NotionalPosition.FLAT;
            return reverses ? text + "; reverses the " + before.position().name().toLowerCase(Locale.ROOT) : text;
        }
    }
}
