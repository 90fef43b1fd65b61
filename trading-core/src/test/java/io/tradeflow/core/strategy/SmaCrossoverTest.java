package io.tradeflow.core.strategy;

import static io.tradeflow.core.strategy.Series.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.event.IndicatorsComputed;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmaCrossoverTest {

    private static final Strategy SMA = new SmaCrossover();

    /** Defaults except no minimum interval, so each test sees its own rule only. */
    private static Series.Run run(String... overrides) {
        Map<String, String> params = new HashMap<>(Map.of("minSignalIntervalMinutes", "0"));
        for (int i = 0; i < overrides.length; i += 2) {
            params.put(overrides[i], overrides[i + 1]);
        }
        return new Series.Run(SMA, params);
    }

    /** Kline {@code k} closing at 100 with lowest(10) 95 and highest(10) 105. */
    private static IndicatorsComputed kline(int k, String fast, String slow) {
        return levels(k, fast, slow, "100", "95", "105");
    }

    private static IndicatorsComputed levels(int k, String fast, String slow, String close, String lowest,
            String highest) {
        return snapshot(k, close, "sma(21)", fast, "sma(200)", slow, "lowest(10)", lowest, "highest(10)", highest);
    }

    private static void assertNone(Decision decision) {
        assertThat(decision).isEqualTo(Decision.NONE);
    }

    private static Decision.Signal assertSignal(Decision decision, SignalAction action) {
        assertThat(decision).isInstanceOf(Decision.Signal.class);
        Decision.Signal signal = (Decision.Signal) decision;
        assertThat(signal.action()).isEqualTo(action);
        return signal;
    }

    private static void assertRejected(Decision decision, String reason) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected) decision).reason()).isEqualTo(reason);
    }

    @Test
    void goldenCrossEntersLongOnTheNextKlineWhenTheCrossHolds() {
        Series.Run run = run();
        assertNone(run.next(kline(0, "99", "100")));
        assertNone(run.next(kline(1, "101", "100")));
        Decision.Signal signal = assertSignal(run.next(kline(2, "102", "100")), SignalAction.ENTER_LONG);
        assertThat(signal.stopLoss()).isEqualTo(new BigDecimal("95.00000000"));
        assertThat(signal.takeProfit()).isEqualTo(new BigDecimal("110.00000000"));
        assertThat(signal.reason()).isEqualTo("sma(21) crossed above sma(200) 1 kline ago and held");
        assertNone(run.next(kline(3, "103", "100")));
        assertThat(((SmaCrossoverState) run.state).position()).isEqualTo(NotionalPosition.LONG);
    }

    @Test
    void fastEqualToSlowBeforeCountsAsBelow() {
        Series.Run run = run("confirmationCandles", "0");
        run.next(kline(0, "100", "100"));
        assertSignal(run.next(kline(1, "100.01", "100")), SignalAction.ENTER_LONG);
    }

    @Test
    void noSignalWithoutACrossEvenWhenFastIsAboveSlowFromTheStart() {
        Series.Run run = run("confirmationCandles", "0");
        for (int k = 0; k < 5; k++) {
            assertNone(run.next(kline(k, "101", "100")));
        }
    }

    @Test
    void confirmationZeroFiresOnTheCrossKline() {
        Series.Run run = run("confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        Decision.Signal signal = assertSignal(run.next(kline(1, "101", "100")), SignalAction.ENTER_LONG);
        assertThat(signal.reason()).isEqualTo("sma(21) crossed above sma(200)");
    }

    @Test
    void confirmationTwoFiresTwoKlinesAfterTheCross() {
        Series.Run run = run("confirmationCandles", "2");
        run.next(kline(0, "99", "100"));
        assertNone(run.next(kline(1, "101", "100")));
        assertNone(run.next(kline(2, "101", "100")));
        assertSignal(run.next(kline(3, "101", "100")), SignalAction.ENTER_LONG);
    }

    @Test
    void crossRevertingBeforeConfirmationGivesNoSignal() {
        Series.Run run = run("confirmationCandles", "2", "allowShort", "false");
        run.next(kline(0, "99", "100"));
        assertNone(run.next(kline(1, "101", "100")));
        assertNone(run.next(kline(2, "100", "100"))); // equal is not "still above"
        assertNone(run.next(kline(3, "99", "100"))); // from equal to below: a death cross replaces the golden one
        assertNone(run.next(kline(4, "98", "100")));
        assertThat(((SmaCrossoverState) run.state).pending())
                .isEqualTo(new SmaCrossoverState.Cross(io.tradeflow.core.domain.Direction.SHORT, 1));
        assertNone(run.next(kline(5, "98", "100"))); // confirmed, but flat and no shorts: nothing to do
        assertThat(((SmaCrossoverState) run.state).position()).isEqualTo(NotionalPosition.FLAT);
    }

    @Test
    void aNewCrossAfterARevertedOneStartsItsOwnConfirmation() {
        Series.Run run = run();
        run.next(kline(0, "99", "100"));
        run.next(kline(1, "101", "100"));
        assertNone(run.next(kline(2, "100", "100")));
        assertNone(run.next(kline(3, "101", "100")));
        assertSignal(run.next(kline(4, "101", "100")), SignalAction.ENTER_LONG);
    }

    @Test
    void deathCrossEntersShortWithTheStopAboveTheHighestHigh() {
        Series.Run run = run("slBufferPercent", "0.5", "riskReward", "1.5");
        run.next(kline(0, "101", "100"));
        run.next(kline(1, "99", "100"));
        Decision.Signal signal = assertSignal(run.next(levels(2, "98", "100", "100", "95", "104")),
                SignalAction.ENTER_SHORT);
        // 104 * 1.005 = 104.52; 100 - 4.52 * 1.5 = 93.22
        assertThat(signal.stopLoss()).isEqualTo(new BigDecimal("104.52000000"));
        assertThat(signal.takeProfit()).isEqualTo(new BigDecimal("93.22000000"));
    }

    @Test
    void deathCrossWhileLongReversesToShort() {
        Series.Run run = run("confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        assertSignal(run.next(kline(1, "101", "100")), SignalAction.ENTER_LONG);
        Decision.Signal signal = assertSignal(run.next(kline(2, "99", "100")), SignalAction.ENTER_SHORT);
        assertThat(signal.reason()).isEqualTo("sma(21) crossed below sma(200); reverses the long");
        assertThat(((SmaCrossoverState) run.state).position()).isEqualTo(NotionalPosition.SHORT);
        assertSignal(run.next(kline(3, "101", "100")), SignalAction.ENTER_LONG);
    }

    @Test
    void aRefusedReversalStillExitsTheHeldPosition() {
        Series.Run run = run("confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        assertSignal(run.next(kline(1, "101", "100")), SignalAction.ENTER_LONG);
        // Death cross with the highest high at the close: the short's stop would be at its entry (zero risk).
        Decision.Signal exit = assertSignal(run.next(levels(2, "99", "100", "100", "95", "100")), SignalAction.EXIT_LONG);
        assertThat(exit.stopLoss()).isNull();
        assertThat(exit.reason()).isEqualTo(
                "sma(21) crossed below sma(200); reverses the long; the reversing entry was refused (zero-risk), exits only");
        assertThat(((SmaCrossoverState) run.state).position()).isEqualTo(NotionalPosition.FLAT);
    }

    @Test
    void withoutShortsDeathCrossOnlyExitsALong() {
        Series.Run run = run("confirmationCandles", "0", "allowShort", "false");
        run.next(kline(0, "101", "100"));
        assertNone(run.next(kline(1, "99", "100"))); // flat: nothing to exit
        assertSignal(run.next(kline(2, "101", "100")), SignalAction.ENTER_LONG);
        Decision.Signal exit = assertSignal(run.next(kline(3, "99", "100")), SignalAction.EXIT_LONG);
        assertThat(exit.stopLoss()).isNull();
        assertThat(exit.takeProfit()).isNull();
        assertThat(((SmaCrossoverState) run.state).position()).isEqualTo(NotionalPosition.FLAT);
        assertThat(SMA.indicators(run.params)).containsExactly("sma(21)", "sma(200)", "lowest(10)");
    }

    @Test
    void crossAgreeingWithThePositionIsIgnored() {
        Series.Run run = run();
        run.next(kline(0, "99", "100"));
        run.next(kline(1, "101", "100"));
        assertSignal(run.next(kline(2, "101", "100")), SignalAction.ENTER_LONG);
        run.next(kline(3, "99", "100")); // death cross, reverted before confirmation
        assertNone(run.next(kline(4, "101", "100"))); // golden cross again
        assertNone(run.next(kline(5, "101", "100"))); // confirmed, but already long
        assertThat(((SmaCrossoverState) run.state).pending()).isNull();
    }

    @Test
    void minimumIntervalHoldsTheSignalBackWhileTheCrossHolds() {
        Series.Run run = run("minSignalIntervalMinutes", "15", "confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        assertSignal(run.next(kline(1, "101", "100")), SignalAction.ENTER_LONG);
        for (int k = 2; k < 16; k++) { // kline 16 closes exactly 15 minutes after kline 1
            Decision decision = run.next(kline(k, k == 2 ? "101" : "99", "100"));
            if (k == 2) {
                assertNone(decision);
            } else {
                assertRejected(decision, "min-interval");
            }
        }
        assertSignal(run.next(kline(16, "99", "100")), SignalAction.ENTER_SHORT);
    }

    @Test
    void aHeldBackCrossIsDroppedWhenItReverts() {
        Series.Run run = run("minSignalIntervalMinutes", "15", "confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        assertSignal(run.next(kline(1, "101", "100")), SignalAction.ENTER_LONG);
        assertRejected(run.next(kline(2, "99", "100")), "min-interval");
        assertNone(run.next(kline(3, "101", "100"))); // golden cross: already long
        for (int k = 4; k < 30; k++) {
            assertNone(run.next(kline(k, "101", "100")));
        }
    }

    @Test
    void stopAndTargetAreExactAndRoundedToEightPlaces() {
        Series.Run run = run("confirmationCandles", "0", "slBufferPercent", "1", "riskReward", "2");
        run.next(kline(0, "99", "100"));
        Decision.Signal signal = assertSignal(run.next(levels(1, "101", "100", "100", "95", "105")),
                SignalAction.ENTER_LONG);
        // 95 * 0.99 = 94.05; 100 + 5.95 * 2 = 111.90
        assertThat(signal.stopLoss()).isEqualTo(new BigDecimal("94.05000000"));
        assertThat(signal.takeProfit()).isEqualTo(new BigDecimal("111.90000000"));

        Series.Run rounding = run("confirmationCandles", "0", "riskReward", "3");
        rounding.next(kline(0, "99", "100"));
        Decision.Signal rounded = assertSignal(rounding.next(levels(1, "101", "100", "100", "95.123456785", "105")),
                SignalAction.ENTER_LONG);
        // the stop rounds half up; the target is 3 times the distance to the rounded stop: 100 + 4.87654321 * 3
        assertThat(rounded.stopLoss()).isEqualTo(new BigDecimal("95.12345679"));
        assertThat(rounded.takeProfit()).isEqualTo(new BigDecimal("114.62962963"));
    }

    @Test
    void stopOnTheWrongSideIsRejectedAndTheCrossDropped() {
        Series.Run run = run("confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        assertRejected(run.next(levels(1, "101", "100", "100", "100.5", "105")), "stop-wrong-side");
        assertNone(run.next(kline(2, "101", "100")));
        assertThat(((SmaCrossoverState) run.state).position()).isEqualTo(NotionalPosition.FLAT);
    }

    @Test
    void stopAtTheEntryIsZeroRisk() {
        Series.Run run = run("confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        assertRejected(run.next(levels(1, "101", "100", "100", "100", "105")), "zero-risk");
    }

    @Test
    void shortTargetBelowZeroIsRejected() {
        Series.Run run = run("confirmationCandles", "0", "riskReward", "20");
        run.next(kline(0, "101", "100"));
        assertRejected(run.next(levels(1, "99", "100", "100", "95", "150")), "target-not-positive");
    }

    @Test
    void missingAveragesAreNotReadyAndDropAPendingCross() {
        Series.Run run = run();
        assertNone(run.next(kline(0, null, null)));
        assertNone(run.next(kline(1, "101", "100"))); // first values: no previous, so no cross
        assertNone(run.next(kline(2, "99", "100")));
        assertNone(run.next(kline(3, "101", "100"))); // golden cross
        assertNone(run.next(kline(4, "101", null))); // slow missing: the cross cannot be confirmed
        assertNone(run.next(kline(5, "101", "100")));
        assertNone(run.next(kline(6, "101", "100")));
        assertThat(((SmaCrossoverState) run.state).position()).isEqualTo(NotionalPosition.FLAT);
    }

    @Test
    void missingLowestHoldsTheCrossUntilItArrives() {
        Series.Run run = run("confirmationCandles", "0");
        run.next(kline(0, "99", "100"));
        assertNone(run.next(levels(1, "101", "100", "100", null, null)));
        assertSignal(run.next(kline(2, "101", "100")), SignalAction.ENTER_LONG);
    }
}
