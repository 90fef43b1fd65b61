package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.Klines;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.event.KlineClosed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tradeflow.backtest.sweep.SweepFixtures.DAY;
import static io.tradeflow.backtest.sweep.SweepFixtures.HOUR;
import static io.tradeflow.backtest.sweep.SweepFixtures.JAN_1;
import static io.tradeflow.backtest.sweep.SweepFixtures.klines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the out-of-sample cut lands, and that the two parts share no kline. */
class SampleSplitTest {

    @Test
    void theCutIsTheUtcMidnightNearestTheAskedShareAndNoKlineIsInBothParts() {
        // Hourly klines from 2024-01-01 06:00 to 2024-01-06 00:00 (114 hours). 30 % out of sample asks for the cut at
        // 06:00 + 0.7 x 114 h = 2024-01-04 13:48; the nearest midnight is 2024-01-05 00:00 (10.2 h later, against 13.8 h
        // before): the last day, 24 klines, 21 % of the time.
        LoadedKlines all = LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1 + 6 * HOUR, 114));

        SampleSplit split = SampleSplit.of(all, new BigDecimal("0.3"));

        assertThat(split.cut()).isEqualTo(JAN_1 + 4 * DAY);
        assertThat(split.onDayBoundary()).isTrue();
        assertThat(split.inSampleSize()).isEqualTo(90);
        assertThat(split.outOfSampleSize()).isEqualTo(24);
        assertThat(split.outOfSampleShare()).isEqualByComparingTo("0.2105");
        List<KlineClosed> in = read(split.inSample());
        List<KlineClosed> out = read(split.outOfSample().orElseThrow());
        assertThat(in).allSatisfy(k -> assertThat(k.openTime()).isLessThan(split.cut()));
        assertThat(out).allSatisfy(k -> assertThat(k.openTime()).isGreaterThanOrEqualTo(split.cut()));
        assertThat(in.getLast().closeTime()).isEqualTo(split.cut() - 1);
        Set<String> ids = new HashSet<>();
        in.forEach(k -> ids.add(k.eventId()));
        assertThat(out).noneMatch(k -> ids.contains(k.eventId()));
        List<KlineClosed> both = new ArrayList<>(in);
        both.addAll(out);
        assertThat(both).isEqualTo(all.klines());
    }

    @Test
    void aTargetOnAMidnightIsTheCutAndATieGoesToTheEarlierMidnight() {
        LoadedKlines fourDays = LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1, 96));
        assertThat(SampleSplit.of(fourDays, new BigDecimal("0.5")).cut()).isEqualTo(JAN_1 + 2 * DAY);

        // Three days, half out of sample: 2024-01-02 12:00, as near the 2nd as the 3rd: the 2nd, the larger test part.
        LoadedKlines threeDays = LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1, 72));
        SampleSplit split = SampleSplit.of(threeDays, new BigDecimal("0.5"));
        assertThat(split.cut()).isEqualTo(JAN_1 + DAY);
        assertThat(split.outOfSampleSize()).isEqualTo(48);
    }

    @Test
    void theCutStaysInsideTheDataSoThatEachPartHoldsADay() {
        LoadedKlines twoDays = LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1, 48));

        // 90 % out: the nearest midnight is the first kline's open, which would leave nothing in sample.
        assertThat(SampleSplit.of(twoDays, new BigDecimal("0.9")).cut()).isEqualTo(JAN_1 + DAY);
        // 1 % out: the nearest midnight is the end of the data, which would leave nothing out of sample.
        assertThat(SampleSplit.of(twoDays, new BigDecimal("0.01")).cut()).isEqualTo(JAN_1 + DAY);
    }

    @Test
    void klinesWithinOneUtcDayAreCutMidDayAtTheFirstKlineFromTheAskedShare() {
        // One day of 1-minute klines: 30 % out asks for 16:48, the 1009th kline.
        LoadedKlines day = LoadedKlines.of(klines(Interval.ONE_MINUTE, JAN_1, 1440));

        SampleSplit split = SampleSplit.of(day, new BigDecimal("0.3"));

        assertThat(split.onDayBoundary()).isFalse();
        assertThat(split.cut()).isEqualTo(JAN_1 + (16 * 60 + 48) * 60_000L);
        assertThat(split.inSampleSize()).isEqualTo(1008);
        assertThat(split.outOfSampleSize()).isEqualTo(432);
        assertThat(split.outOfSampleShare()).isEqualByComparingTo("0.3");
    }

    @Test
    void klinesLongerThanADayAreCutAtAKlineOpenSoThatNoInSampleKlineClosesAfterTheCut() {
        // Weekly klines opening Mondays (2024-01-01 is a Monday), 20 weeks: the midnight nearest 70 % falls inside a
        // week; the cut moves on to the next Monday.
        LoadedKlines all = LoadedKlines.of(klines(Interval.ONE_WEEK, JAN_1, 20));

        SampleSplit split = SampleSplit.of(all, new BigDecimal("0.3"));

        List<KlineClosed> in = read(split.inSample());
        assertThat(in.getLast().closeTime()).isLessThan(split.cut());
        assertThat(read(split.outOfSample().orElseThrow()).getFirst().openTime()).isEqualTo(split.cut());
        assertThat((split.cut() - JAN_1) % (7 * DAY)).isZero();
    }

    @Test
    void zeroKeepsEveryKlineInSample() {
        LoadedKlines day = LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1, 48));

        SampleSplit split = SampleSplit.of(day, BigDecimal.ZERO);

        assertThat(split.enabled()).isFalse();
        assertThat(split.outOfSample()).isEmpty();
        assertThat(read(split.inSample())).isEqualTo(day.klines());
        assertThat(split.outOfSampleShare()).isEqualByComparingTo("0");
    }

    @Test
    void aShareOutsideZeroToOneOrKlinesThatCannotBeSplitAreRefused() {
        LoadedKlines day = LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1, 48));
        assertThatThrownBy(() -> SampleSplit.of(day, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the out-of-sample fraction must be 0 (no split) or above 0 and below 1, not 1");
        assertThatThrownBy(() -> SampleSplit.of(day, new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        LoadedKlines one = LoadedKlines.of(klines(Interval.ONE_HOUR, JAN_1, 1));
        assertThatThrownBy(() -> SampleSplit.of(one, new BigDecimal("0.3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the klines cannot be split in sample and out of sample: they all open at the same time; "
                        + "give more days, or --out-of-sample 0");
    }

    private static List<KlineClosed> read(Klines klines) {
        List<KlineClosed> read = new ArrayList<>();
        try (Klines.Pass pass = klines.open()) {
            for (KlineClosed k = pass.next(); k != null; k = pass.next()) {
                read.add(k);
            }
        }
        return read;
    }
}
