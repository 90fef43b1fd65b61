package io.tradeflow.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.testing.RecordedDay;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IndicatorSeriesTest {

    private static final Symbol BTC = new Symbol("BTCUSDT");
    private static final List<Kline> DAY = RecordedDay.klines(BTC);
    private static final List<String> NAMES = List.of("sma(21)", "sma(200)", "ema(50)", "rsi(14)", "atr(14)",
            "highest(20)", "lowest(20)", "pivothigh(10)", "pivotlow(10)", "macd(12,26,9)", "bb(20,2)");

    private static KlineClosed closed(Kline kline) {
        return KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, kline.closeTime() + 5, kline.closeTime() + 7);
    }

    private static IndicatorSeries series() {
        IndicatorSeries series = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        series.require(NAMES);
        return series;
    }

    private static List<IndicatorsComputed> applyAll(IndicatorSeries series, List<Kline> klines) {
        List<IndicatorsComputed> snapshots = new ArrayList<>();
        for (Kline kline : klines) {
            IndicatorSeries.Update update = series.apply(closed(kline), kline.closeTime() + 100);
            assertThat(update.duplicate()).isFalse();
            assertThat(update.missedKlines()).isZero();
            snapshots.add(update.snapshot().orElseThrow());
        }
        return snapshots;
    }

    @Test
    void aDayCheckpointedHalfwayThroughJsonContinuesExactlyAsTheUninterruptedRun() {
        List<IndicatorsComputed> uninterrupted = applyAll(series(), DAY);

        IndicatorSeries first = series();
        applyAll(first, DAY.subList(0, 720));
        String json = first.checkpoint().toJson();
        IndicatorSeries.Checkpoint read = IndicatorSeries.Checkpoint.fromJson(json);
        assertThat(read).isEqualTo(first.checkpoint());
        IndicatorSeries restored = IndicatorSeries.restore(BTC, Interval.ONE_MINUTE, read);
        assertThat(restored.lastOpenTime()).isEqualTo(DAY.get(719).openTime());
        assertThat(restored.names()).containsExactlyElementsOf(new java.util.TreeSet<>(NAMES));

        List<IndicatorsComputed> continued = applyAll(restored, DAY.subList(720, DAY.size()));
        assertThat(continued).isEqualTo(uninterrupted.subList(720, DAY.size()));
        // Not vacuous: all 15 outputs (9 single, MACD 3, bands 3) are in the last snapshot.
        assertThat(continued.getLast().values()).hasSize(15);
        assertThat(continued.getLast().stable()).isTrue();
    }

    @Test
    void everySnapshotOfADayHoldsTheEagerlyRoundedValuesAndEncodesAsASortedMapWould() {
        IndicatorSeries series = series();
        Map<String, Indicator> reference = new TreeMap<>();
        NAMES.forEach(name -> reference.put(Indicators.canonical(name), Indicators.create(name)));
        for (Kline kline : DAY) {
            IndicatorsComputed snapshot = series.apply(closed(kline), kline.closeTime() + 100).snapshot().orElseThrow();
            Map<String, BigDecimal> expected = new TreeMap<>();
            for (Indicator indicator : reference.values()) {
                indicator.update(kline.open().doubleValue(), kline.high().doubleValue(), kline.low().doubleValue(),
                        kline.close().doubleValue(), kline.volume().doubleValue());
                for (int i = 0; indicator.isStable() && i < indicator.outputs(); i++) {
                    expected.put(indicator.outputName(i), IndicatorSeries.toDecimal(indicator.value(i)));
                }
            }
            IndicatorsComputed eager = IndicatorsComputed.of(kline, expected, snapshot.stable(), snapshot.eventTime(),
                    snapshot.producedAt());
            assertThat(snapshot.values()).isEqualTo(expected).hasSameHashCodeAs(expected);
            assertThat(snapshot.values().keySet()).containsExactlyElementsOf(expected.keySet());
            assertThat(EventCodec.encodeToString(snapshot))
                    .isEqualTo(EventCodec.encodeToString(eager));
        }
    }

    @Test
    void snapshotCarriesStableOutputsRoundedToEightPlacesAndIsStableWhenAllAre() {
        IndicatorSeries series = series();
        List<IndicatorsComputed> snapshots = applyAll(series, DAY.subList(0, 250));

        assertThat(snapshots.get(19).values()).containsKeys("highest(20)", "bb(20,2).middle")
                .doesNotContainKey("sma(21)");
        assertThat(snapshots.get(20).values()).containsKey("sma(21)");
        assertThat(snapshots.get(198).stable()).isFalse();
        assertThat(snapshots.get(198).values()).doesNotContainKey("sma(200)");
        assertThat(snapshots.get(199).values()).containsKey("sma(200)");

        double[] sma21 = new double[250];
        Indicator reference = Indicators.create("sma(21)");
        for (int i = 0; i < 250; i++) {
            Kline k = DAY.get(i);
            reference.update(k.open().doubleValue(), k.high().doubleValue(), k.low().doubleValue(),
                    k.close().doubleValue(), k.volume().doubleValue());
            sma21[i] = reference.value(0);
        }
        IndicatorsComputed last = snapshots.getLast();
        assertThat(last.values().get("sma(21)")).isEqualTo(IndicatorSeries.toDecimal(sma21[249]));
        assertThat(last.values().get("sma(21)").scale()).isLessThanOrEqualTo(8);
        assertThat(last.values().get("highest(20)")).isEqualByComparingTo(DAY.subList(230, 250).stream()
                .map(Kline::high).max(BigDecimal::compareTo).orElseThrow());
        assertThat(last.values().keySet()).contains("macd(12,26,9).signal", "bb(20,2).lower");
        assertThat(last.eventTime()).isEqualTo(DAY.get(249).closeTime() + 5);
        assertThat(last.producedAt()).isEqualTo(DAY.get(249).closeTime() + 100);
        assertThat(last.close()).isEqualTo(DAY.get(249).close());
        assertThat(last.stable()).as("pivots confirmed, sma(200) warm").isTrue();
    }

    @Test
    void decimalsAreTheExactDoubleRoundedHalfEvenToEightPlacesWithoutTrailingZeros() {
        assertThat(IndicatorSeries.toDecimal(1.0 / 3)).isEqualTo(new BigDecimal("0.33333333"));
        assertThat(IndicatorSeries.toDecimal(2.0 / 3)).isEqualTo(new BigDecimal("0.66666667"));
        assertThat(IndicatorSeries.toDecimal(35000.5).toPlainString()).isEqualTo("35000.5");
        assertThat(IndicatorSeries.toDecimal(100).toPlainString()).isEqualTo("100");
        assertThat(IndicatorSeries.toDecimal(4e-9)).isEqualTo(BigDecimal.ZERO);
        // 0.125 is exact in binary and 12.5e-9 a true tie at the 8th place: HALF_EVEN keeps the even digit.
        assertThat(IndicatorSeries.toDecimal(0.125e-6)).isEqualTo(new BigDecimal("1.2E-7"));
    }

    @Test
    void theFastDecimalPathEqualsExactBigDecimalRounding() {
        java.util.Random random = new java.util.Random(5);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            // Magnitudes from 1e-7 to 1e12, both signs: both sides of every fast-path boundary.
            values.add((random.nextBoolean() ? 1 : -1) * Math.pow(10, -7 + 19 * random.nextDouble()));
        }
        for (int odd = 1; odd < 20_000; odd += 2) {
            values.add(odd / 512.0); // exact ties at the ninth decimal place
            values.add(-odd / 512.0);
            values.add(35_000 + odd / 512.0);
        }
        values.addAll(List.of(0.0, -0.0, 1.0, 0.1, 35_000.1, 9.2e10, 9.3e10, Math.scalb(1.0, -11), Double.MIN_VALUE,
                Double.MAX_VALUE, Math.nextDown(Math.scalb(1.0, 52))));
        for (double value : values) {
            BigDecimal exact = new BigDecimal(value).setScale(8, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
            assertThat(IndicatorSeries.toDecimal(value)).as("%s", value).isEqualTo(exact);
        }
        assertThat(IndicatorSeries.toDecimal(1.0 / 512)).isEqualTo(new BigDecimal("0.00195312"));
        assertThat(IndicatorSeries.toDecimal(3.0 / 512)).isEqualTo(new BigDecimal("0.00585938"));
    }

    @Test
    void aKlineAtOrBeforeTheLastIsADuplicateAndChangesNothing() {
        IndicatorSeries series = series();
        applyAll(series, DAY.subList(0, 100));
        IndicatorSeries.Checkpoint before = series.checkpoint();
        for (Kline old : List.of(DAY.get(99), DAY.get(50), DAY.get(0))) {
            IndicatorSeries.Update update = series.apply(closed(old), 1);
            assertThat(update.duplicate()).isTrue();
            assertThat(update.snapshot()).isEmpty();
            assertThat(update.missedKlines()).isZero();
        }
        assertThat(series.checkpoint()).isEqualTo(before);
    }

    @Test
    void countsTheKlinesMissingBeforeAKline() {
        IndicatorSeries series = series();
        assertThat(series.lastOpenTime()).isEqualTo(IndicatorSeries.NO_KLINE);
        assertThat(series.apply(closed(DAY.get(10)), 1).missedKlines()).as("first kline").isZero();
        assertThat(series.apply(closed(DAY.get(11)), 1).missedKlines()).isZero();
        assertThat(series.apply(closed(DAY.get(15)), 1).missedKlines()).isEqualTo(3);
        assertThat(series.lastOpenTime()).isEqualTo(DAY.get(15).openTime());
    }

    @Test
    void countsMissingCalendarMonths() {
        IndicatorSeries series = new IndicatorSeries(BTC, Interval.ONE_MONTH);
        long jan = 1704067200000L; // 2024-01-01
        long may = 1714521600000L; // 2024-05-01
        series.apply(monthly(jan), 1);
        assertThat(series.apply(monthly(may), 1).missedKlines()).isEqualTo(3);
    }

    private static KlineClosed monthly(long openTime) {
        BigDecimal p = BigDecimal.TEN;
        return closed(new Kline(BTC, Interval.ONE_MONTH, openTime, Interval.ONE_MONTH.closeTimeOf(openTime),
                p, p, p, p, p, p, 1));
    }

    @Test
    void rejectsKlinesOfAnotherSeries() {
        IndicatorSeries fiveMinutes = new IndicatorSeries(BTC, Interval.FIVE_MINUTES);
        assertThatThrownBy(() -> fiveMinutes.apply(closed(DAY.get(0)), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BTCUSDT-1m-1700006400000");
        IndicatorSeries eth = new IndicatorSeries(new Symbol("ETHUSDT"), Interval.ONE_MINUTE);
        assertThatThrownBy(() -> eth.warmUp(DAY.subList(0, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThat(eth.lastOpenTime()).isEqualTo(IndicatorSeries.NO_KLINE);
    }

    @Test
    void warmUpFromHistoryInAnyOrderEqualsApplyingItAndSkipsWhatWasSeen() {
        IndicatorSeries applied = series();
        applyAll(applied, DAY.subList(0, 600));

        IndicatorSeries warmed = series();
        applyAll(warmed, DAY.subList(0, 100));
        List<Kline> newestFirst = new ArrayList<>(DAY.subList(50, 600));
        Collections.reverse(newestFirst);
        warmed.warmUp(newestFirst);

        assertThat(warmed.checkpoint()).isEqualTo(applied.checkpoint());
        assertThat(applyAll(warmed, DAY.subList(600, 700))).isEqualTo(applyAll(applied, DAY.subList(600, 700)));
    }

    @Test
    void newlyRequiredIndicatorsWarmUpAloneOnTheSpanTheOthersHaveSeen() {
        IndicatorSeries fromStart = series();
        applyAll(fromStart, DAY.subList(0, 500));

        IndicatorSeries late = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        late.require(List.of("sma(21)"));
        applyAll(late, DAY.subList(0, 500));
        List<String> others = NAMES.stream().filter(n -> !n.equals("sma(21)")).toList();
        assertThat(late.require(others)).hasSize(others.size());
        assertThat(late.require(List.of("SMA(21)", "rsi(14)"))).as("already present").isEmpty();
        // History reaching past the last kline (Redis may be ahead of the consumer): the extra klines are not folded.
        late.warmUp(List.of(" RSI(14)"), DAY.subList(0, 520));
        late.warmUp(others.stream().filter(n -> !n.equals("rsi(14)")).toList(), DAY);

        assertThat(late.lastOpenTime()).isEqualTo(DAY.get(499).openTime());
        assertThat(late.checkpoint()).isEqualTo(fromStart.checkpoint());
        assertThatThrownBy(() -> late.warmUp(List.of("rsi(14)"), DAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already seen klines");
        assertThatThrownBy(() -> late.warmUp(List.of("ema(9)"), DAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("require it first");
    }

    @Test
    void requireValidatesEveryNameBeforeAddingAny() {
        IndicatorSeries series = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        assertThatThrownBy(() -> series.require(List.of("sma(21)", "sma(0)")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sma(0)");
        assertThat(series.names()).isEmpty();
        assertThat(series.require(List.of("Bb(20, 2.0)", "sma(21)"))).containsExactly("bb(20,2)", "sma(21)");
    }

    @Test
    void aDayCheckpointedHalfwayThroughBytesContinuesExactlyAsTheUninterruptedRun() {
        List<IndicatorsComputed> uninterrupted = applyAll(series(), DAY);
        IndicatorSeries first = series();
        applyAll(first, DAY.subList(0, 3));
        assertThat(CheckpointBytes.read(CheckpointBytes.write(first.checkpoint()))).as("NaN states too")
                .isEqualTo(first.checkpoint());
        applyAll(first, DAY.subList(3, 720));

        IndicatorSeries restored = IndicatorSeries.restore(BTC, Interval.ONE_MINUTE,
                CheckpointBytes.read(CheckpointBytes.write(first.checkpoint())));

        assertThat(applyAll(restored, DAY.subList(720, DAY.size()))).isEqualTo(uninterrupted.subList(720, DAY.size()));
        assertThatThrownBy(() -> CheckpointBytes.read(new byte[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckpointBytes.read(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    }

    @Test
    void retainOnlyDropsTheOthersAndLeavesTheKeptExactlyAsTheyWere() {
        IndicatorSeries series = series();
        applyAll(series, DAY.subList(0, 300));

        assertThat(series.retainOnly(List.of("SMA(21)", "rsi(14)"))).hasSize(NAMES.size() - 2).contains("sma(200)", "bb(20,2)");

        IndicatorSeries alone = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        alone.require(List.of("sma(21)", "rsi(14)"));
        applyAll(alone, DAY.subList(0, 300));
        assertThat(series.names()).containsExactly("rsi(14)", "sma(21)");
        assertThat(series.checkpoint()).isEqualTo(alone.checkpoint());
        assertThat(applyAll(series, DAY.subList(300, 310))).isEqualTo(applyAll(alone, DAY.subList(300, 310)));
        assertThat(series.retainOnly(List.of("sma(21)", "rsi(14)", "ema(9)"))).as("retain adds nothing").isEmpty();
        assertThat(series.names()).containsExactly("rsi(14)", "sma(21)");
        assertThatThrownBy(() -> series.retainOnly(List.of("nope(1)"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(series.names()).containsExactly("rsi(14)", "sma(21)");
    }

    @Test
    void checkpointJsonCarriesNanAndRejectsWhatItDidNotWrite() {
        IndicatorSeries series = series();
        applyAll(series, DAY.subList(0, 3));
        IndicatorSeries.Checkpoint checkpoint = series.checkpoint();
        String json = checkpoint.toJson();
        assertThat(json).contains("\"NaN\"");
        assertThat(IndicatorSeries.Checkpoint.fromJson(json)).isEqualTo(checkpoint);

        IndicatorSeries empty = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        IndicatorSeries.Checkpoint none = IndicatorSeries.Checkpoint.fromJson(empty.checkpoint().toJson());
        assertThat(none.lastOpenTime()).isEqualTo(IndicatorSeries.NO_KLINE);

        assertThatThrownBy(() -> IndicatorSeries.Checkpoint.fromJson("{\"lastOpenTime\":1,\"states\":{\"sma(2)\":[\"x\"]}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndicatorSeries.Checkpoint.fromJson("[]")).isInstanceOf(IllegalArgumentException.class);
        IndicatorSeries.Checkpoint notCanonical = new IndicatorSeries.Checkpoint(1, Map.of("SMA(2)",
                Indicators.create("sma(2)").state()));
        assertThatThrownBy(() -> IndicatorSeries.restore(BTC, Interval.ONE_MINUTE, notCanonical))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical");
    }

    @Test
    void aSeriesStableOnceIsUnstableAgainWhileANewIndicatorWarmsUpAndStableWhenItIsDropped() {
        IndicatorSeries series = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        series.require(List.of("sma(5)"));
        assertThat(applyAll(series, DAY.subList(0, 10)).getLast().stable()).isTrue();

        series.require(List.of("sma(50)"));
        IndicatorsComputed warming = applyAll(series, DAY.subList(10, 11)).getLast();
        assertThat(warming.stable()).as("sma(50) has seen one kline").isFalse();
        assertThat(warming.values()).containsKey("sma(5)").doesNotContainKey("sma(50)");
        assertThat(series.isStable()).isFalse();

        series.retainOnly(List.of("sma(5)"));
        assertThat(series.isStable()).isTrue();
        assertThat(applyAll(series, DAY.subList(11, 12)).getLast().stable()).isTrue();
    }

    @Test
    void aSeriesWithoutIndicatorsStillProducesSnapshots() {
        IndicatorSeries series = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        IndicatorsComputed snapshot = series.apply(closed(DAY.get(0)), 1).snapshot().orElseThrow();
        assertThat(snapshot.values()).isEmpty();
        assertThat(snapshot.stable()).isTrue();
    }
}
