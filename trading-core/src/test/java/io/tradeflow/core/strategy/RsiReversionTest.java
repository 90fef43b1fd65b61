package io.tradeflow.core.strategy;

import static io.tradeflow.core.strategy.Series.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.event.IndicatorsComputed;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RsiReversionTest {

    private static final Strategy RSI = new RsiReversion();

    private static Series.Run run(String... overrides) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            params.put(overrides[i], overrides[i + 1]);
        }
        return new Series.Run(RSI, params);
    }

    /** Kline {@code k} closing at 100 with atr(14) 2. */
    private static IndicatorsComputed kline(int k, String rsi) {
        return snapshot(k, "100", "rsi(14)", rsi, "atr(14)", "2");
    }

    private static Decision.Signal assertSignal(Decision decision, SignalAction action) {
        assertThat(decision).isInstanceOf(Decision.Signal.class);
        Decision.Signal signal = (Decision.Signal) decision;
        assertThat(signal.action()).isEqualTo(action);
        return signal;
    }

    @Test
    void entersLongWhenRsiRisesBackOutOfOversoldWithAtrStopAndTarget() {
        Series.Run run = run();
        assertThat(run.next(kline(0, "35"))).isEqualTo(Decision.NONE);
        assertThat(run.next(kline(1, "25"))).isEqualTo(Decision.NONE);
        Decision.Signal signal = assertSignal(run.next(kline(2, "31.5")), SignalAction.ENTER_LONG);
        // 100 - 1.5 * 2 and 100 + 3 * 2
        assertThat(signal.stopLoss()).isEqualTo(new BigDecimal("97.00000000"));
        assertThat(signal.takeProfit()).isEqualTo(new BigDecimal("106.00000000"));
        assertThat(signal.reason()).isEqualTo("rsi(14) 31.5 rose back above oversold 30 from 25");
    }

    @Test
    void reachingOversoldExactlyCountsAsBackAbove() {
        Series.Run run = run();
        run.next(kline(0, "29.99"));
        assertSignal(run.next(kline(1, "30")), SignalAction.ENTER_LONG);
    }

    @Test
    void noEntryWithoutHavingBeenBelowOversold() {
        Series.Run run = run();
        assertThat(run.next(kline(0, "35"))).isEqualTo(Decision.NONE);
        assertThat(run.next(kline(1, "30"))).isEqualTo(Decision.NONE); // at, not below
        assertThat(run.next(kline(2, "31"))).isEqualTo(Decision.NONE);
    }

    @Test
    void missingRsiForgetsThePreviousValue() {
        Series.Run run = run();
        run.next(kline(0, "25"));
        assertThat(run.next(kline(1, null))).isEqualTo(Decision.NONE);
        assertThat(run.next(kline(2, "31"))).isEqualTo(Decision.NONE);
    }

    @Test
    void missingAtrMeansNoEntry() {
        Series.Run run = run();
        run.next(kline(0, "25"));
        assertThat(run.next(snapshot(1, "100", "rsi(14)", "31"))).isEqualTo(Decision.NONE);
        assertThat(((RsiReversionState) run.state).position()).isEqualTo(NotionalPosition.FLAT);
    }

    @Test
    void shortsOnlyWhenAllowed() {
        Series.Run longOnly = run();
        longOnly.next(kline(0, "75"));
        assertThat(longOnly.next(kline(1, "69"))).isEqualTo(Decision.NONE);

        Series.Run withShorts = run("allowShort", "true", "stopAtr", "2", "targetAtr", "2.5");
        withShorts.next(kline(0, "75"));
        Decision.Signal signal = assertSignal(withShorts.next(kline(1, "69")), SignalAction.ENTER_SHORT);
        assertThat(signal.stopLoss()).isEqualTo(new BigDecimal("104.00000000"));
        assertThat(signal.takeProfit()).isEqualTo(new BigDecimal("95.00000000"));
    }

    @Test
    void exitsLongAtOverboughtAndShortAtOversold() {
        Series.Run run = run("allowShort", "true");
        run.next(kline(0, "25"));
        assertSignal(run.next(kline(1, "35")), SignalAction.ENTER_LONG);
        assertThat(run.next(kline(2, "69.9"))).isEqualTo(Decision.NONE);
        Decision.Signal exit = assertSignal(run.next(kline(3, "70")), SignalAction.EXIT_LONG);
        assertThat(exit.stopLoss()).isNull();
        assertThat(run.next(kline(4, "75"))).isEqualTo(Decision.NONE); // flat now
        assertSignal(run.next(kline(5, "65")), SignalAction.ENTER_SHORT);
        assertSignal(run.next(kline(6, "29")), SignalAction.EXIT_SHORT);
    }

    @Test
    void entryWhileShortReverses() {
        Series.Run run = run("allowShort", "true", "oversold", "20");
        run.next(kline(0, "75"));
        assertSignal(run.next(kline(1, "65")), SignalAction.ENTER_SHORT);
        run.next(kline(2, "19.5")); // exit short at oversold
        assertThat(((RsiReversionState) run.state).position()).isEqualTo(NotionalPosition.FLAT);

        Series.Run held = run("allowShort", "true", "minSignalIntervalMinutes", "3");
        held.next(kline(0, "75"));
        assertSignal(held.next(kline(1, "65")), SignalAction.ENTER_SHORT);
        assertThat(held.next(kline(2, "25"))).isInstanceOf(Decision.Rejected.class); // exit held back
        Decision.Signal reverse = assertSignal(held.next(kline(4, "31")), SignalAction.ENTER_LONG);
        assertThat(reverse.reason()).endsWith("; reverses the short");
    }

    @Test
    void aHeldBackExitIsRetriedWhileRsiStaysOverbought() {
        Series.Run run = run("minSignalIntervalMinutes", "5");
        run.next(kline(0, "25"));
        assertSignal(run.next(kline(1, "31")), SignalAction.ENTER_LONG);
        for (int k = 2; k < 6; k++) {
            Decision decision = run.next(kline(k, "72"));
            assertThat(decision).isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) decision).reason()).isEqualTo("min-interval");
        }
        assertSignal(run.next(kline(6, "72")), SignalAction.EXIT_LONG);
    }

    @Test
    void zeroAtrIsZeroRisk() {
        Series.Run run = run();
        run.next(kline(0, "25"));
        Decision decision = run.next(snapshot(1, "100", "rsi(14)", "31", "atr(14)", "0"));
        assertThat(decision).isEqualTo(new Decision.Rejected("zero-risk",
                "stop or target equals the entry price (ENTER_LONG at 100, stop 100.00000000, target 100.00000000)"));
    }

    @Test
    void stopBelowZeroIsRejected() {
        Series.Run run = run("stopAtr", "20");
        run.next(kline(0, "25"));
        Decision decision = run.next(snapshot(1, "100", "rsi(14)", "31", "atr(14)", "6"));
        assertThat(((Decision.Rejected) decision).reason()).isEqualTo("stop-not-positive");
    }
}
