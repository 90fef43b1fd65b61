package io.tradeflow.execution.domain;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesMergeTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final long T0 = 1_700_006_400_000L;
    private static final long MINUTE = 60_000L;

    private final SeriesMerge merge = new SeriesMerge();

    @Test
    void aKlineWaitsForItsWatermarkThenComesBeforeItsSignals() {
        merge.kline(kline(0), "k0");
        merge.kline(kline(1), "k1");
        assertThat(merge.ready()).as("no watermark yet: a signal of kline 0 may still come").isEmpty();

        merge.signal(exit("b", 0), 5, "s0");
        merge.watermark(watermark(0), "w0");

        List<SeriesMerge.Step> steps = runAll();
        assertThat(steps).extracting(SeriesMerge.Step::openTime).containsExactly(T0);
        assertThat(steps.get(0).kline().openTime()).isEqualTo(T0);
        assertThat(steps.get(0).signals()).extracting(r -> r.signal().botId()).containsExactly("b");
        assertThat(merge.drainReleasable()).containsExactlyInAnyOrder("k0", "s0", "w0");
    }

    @Test
    void aSignalWhoseKlineHasNotArrivedWaitsForIt() {
        merge.signal(exit("b", 0), 5, "s0");
        merge.watermark(watermark(0), "w0");
        assertThat(merge.ready()).as("kline 0's stop check must come first").isEmpty();

        merge.kline(kline(0), "k0");
        assertThat(runAll()).singleElement().satisfies(step -> {
            assertThat(step.kline()).isNotNull();
            assertThat(step.signals()).hasSize(1);
        });
    }

    @Test
    void klinesFarAheadOfSignalsGiveTheSameStepsAsInterleavedArrival() {
        SeriesMerge live = new SeriesMerge();
        List<String> liveSteps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            live.kline(kline(i), "k" + i);
            if (i == 2) {
                live.signal(exit("b", i), 1, "s" + i);
            }
            live.watermark(watermark(i), "w" + i);
            live.ready().forEach(step -> {
                liveSteps.add(describe(step));
                live.done(step);
            });
        }

        for (int i = 0; i < 5; i++) {
            merge.kline(kline(i), "k" + i);
        }
        merge.signal(exit("b", 2), 1, "s2");
        for (int i = 0; i < 5; i++) {
            merge.watermark(watermark(i), "w" + i);
        }
        assertThat(runAll().stream().map(SeriesMergeTest::describe).toList()).isEqualTo(liveSteps).hasSize(5);
    }

    @Test
    void whatWasDoneBeforeARestartIsReleasedAtOnceAndNeverRunAgain() {
        merge.doneThrough(new SeriesMerge.Series(BTC, Interval.ONE_MINUTE), T0 + MINUTE);
        merge.kline(kline(1), "k1");
        merge.signal(exit("b", 1), 1, "s1");
        merge.watermark(watermark(1), "w1");
        merge.kline(kline(2), "k2");
        merge.watermark(watermark(2), "w2");

        assertThat(merge.drainReleasable()).containsExactly("k1", "s1", "w1");
        assertThat(runAll()).extracting(SeriesMerge.Step::openTime).containsExactly(T0 + 2 * MINUTE);
    }

    @Test
    void aSignalDeliveredTwiceIsOneSignalOfItsStep() {
        merge.kline(kline(0), "k0");
        merge.signal(exit("b", 0), 1, "s0");
        merge.signal(exit("b", 0), 2, "s0-again");
        merge.watermark(watermark(0), "w0");

        assertThat(runAll()).singleElement().satisfies(step -> assertThat(step.signals()).singleElement()
                .satisfies(received -> assertThat(received.receivedAt()).isEqualTo(1)));
        assertThat(merge.drainReleasable()).contains("s0", "s0-again");
    }

    @Test
    void waitingCountsWhatTheWatermarkHoldsBack() {
        merge.kline(kline(0), "k0");
        merge.kline(kline(1), "k1");
        assertThat(merge.waiting()).isEqualTo(2);
        assertThat(merge.oldestWaiting()).isEqualTo(T0);
    }

    private List<SeriesMerge.Step> runAll() {
        List<SeriesMerge.Step> steps = merge.ready();
        steps.forEach(merge::done);
        return steps;
    }

    private static String describe(SeriesMerge.Step step) {
        return step.openTime() + " kline=" + (step.kline() != null) + " signals="
                + step.signals().stream().map(r -> r.signal().signalId()).toList();
    }

    private static KlineClosed kline(int minute) {
        long open = T0 + minute * MINUTE;
        BigDecimal price = new BigDecimal("35000");
        Kline kline = new Kline(BTC, Interval.ONE_MINUTE, open, open + MINUTE - 1, price, price, price, price,
                BigDecimal.ONE, price, 1);
        return KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, open + MINUTE - 1, open + MINUTE);
    }

    private static SignalGenerated exit(String botId, int minute) {
        long open = T0 + minute * MINUTE;
        return new SignalGenerated(botId, "sma-crossover", BTC, Interval.ONE_MINUTE, open, SignalAction.EXIT_LONG,
                new BigDecimal("35000"), null, null, "test", open + MINUTE - 1, open + MINUTE + 5);
    }

    private static SignalWatermark watermark(int minute) {
        long open = T0 + minute * MINUTE;
        return new SignalWatermark(BTC, Interval.ONE_MINUTE, open, open + MINUTE - 1, open + MINUTE + 6);
    }
}
