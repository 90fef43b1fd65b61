package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.event.IndicatorsComputed;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
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
        return new LinkedHashSet<>(List.of(rsiName(params), atrName(params)));
    }

    @Override
    public StrategyState initialState() {
        return RsiReversionState.INITIAL;
    }

    @Override
    public Evaluation evaluate(IndicatorsComputed snapshot, Parameters params, StrategyState state) {
        RsiReversionState before = (RsiReversionState) state;
        BigDecimal rsi = snapshot.values().get(rsiName(params));
        RsiReversionState unchanged = new RsiReversionState(rsi, before.position(), before.lastSignalCloseTime());
        if (rsi == null) {
            return new Evaluation(Decision.NONE, unchanged);
        }
        SignalAction action = actionFor(params, before, rsi);
        if (action == null) {
            return new Evaluation(Decision.NONE, unchanged);
        }
        BigDecimal atr = snapshot.values().get(atrName(params));
        if (action.isEntry() && atr == null) {
            return new Evaluation(Decision.NONE, unchanged);
        }
        // A held-back entry is dropped (the cross-back is the moment to enter); a held-back exit is retried on every
        // kline while RSI stays at the extreme, since its rule is a level, not a cross.
        Decision.Rejected tooSoon = SignalSpacing.check(before.lastSignalCloseTime(), snapshot.closeTime(),
                params.integer(MIN_INTERVAL));
        if (tooSoon != null) {
            return new Evaluation(tooSoon, unchanged);
        }
        String reason = reason(params, action, before, rsi);
        Decision decision = action.isEntry()
                ? entry(snapshot.close(), action, atr, params, reason)
                : new Decision.Signal(action, null, null, reason);
        if (decision instanceof Decision.Signal) {
            return new Evaluation(decision, new RsiReversionState(rsi, NotionalPosition.after(action),
                    snapshot.closeTime()));
        }
        return new Evaluation(decision, unchanged);
    }

    private static SignalAction actionFor(Parameters params, RsiReversionState before, BigDecimal rsi) {
        BigDecimal oversold = params.decimal(OVERSOLD);
        BigDecimal overbought = params.decimal(OVERBOUGHT);
        NotionalPosition position = before.position();
        if (position == NotionalPosition.LONG && rsi.compareTo(overbought) >= 0) {
            return SignalAction.EXIT_LONG;
        }
        if (position == NotionalPosition.SHORT && rsi.compareTo(oversold) <= 0) {
            return SignalAction.EXIT_SHORT;
        }
        BigDecimal previous = before.rsi();
        if (previous == null) {
            return null;
        }
        if (position != NotionalPosition.LONG && previous.compareTo(oversold) < 0 && rsi.compareTo(oversold) >= 0) {
            return SignalAction.ENTER_LONG;
        }
        if (params.bool(ALLOW_SHORT) && position != NotionalPosition.SHORT && previous.compareTo(overbought) > 0
                && rsi.compareTo(overbought) <= 0) {
            return SignalAction.ENTER_SHORT;
        }
        return null;
    }

    private static Decision entry(BigDecimal price, SignalAction action, BigDecimal atr, Parameters params,
            String reason) {
        BigDecimal stopDistance = params.decimal(STOP_ATR).multiply(atr);
        BigDecimal targetDistance = params.decimal(TARGET_ATR).multiply(atr);
        boolean isLong = action == SignalAction.ENTER_LONG;
        BigDecimal stop = Brackets.round(isLong ? price.subtract(stopDistance) : price.add(stopDistance));
        BigDecimal target = Brackets.round(isLong ? price.add(targetDistance) : price.subtract(targetDistance));
        return Brackets.entry(action, price, stop, target, reason);
    }

    private static String reason(Parameters params, SignalAction action, RsiReversionState before, BigDecimal rsi) {
        String now = rsiName(params) + " " + rsi.toPlainString();
        String text = switch (action) {
            case ENTER_LONG -> now + " rose back above oversold " + params.decimal(OVERSOLD).toPlainString()
                    + " from " + before.rsi().toPlainString();
            case ENTER_SHORT -> now + " fell back below overbought " + params.decimal(OVERBOUGHT).toPlainString()
                    + " from " + before.rsi().toPlainString();
            case EXIT_LONG -> now + " reached overbought " + params.decimal(OVERBOUGHT).toPlainString();
            case EXIT_SHORT -> now + " reached oversold " + params.decimal(OVERSOLD).toPlainString();
        };
        boolean reverses = action.isEntry() && before.position() != NotionalPosition.FLAT;
        return reverses ? text + "; reverses the " + before.position().name().toLowerCase(java.util.Locale.ROOT) : text;
    }

    static String rsiName(Parameters params) {
        return RSI.of(params.integer(PERIOD));
    }

    static String atrName(Parameters params) {
        return ATR.of(params.integer(ATR_PERIOD));
    }
}
