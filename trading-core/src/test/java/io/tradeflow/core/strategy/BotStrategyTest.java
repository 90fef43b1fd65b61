package io.tradeflow.core.strategy;

import static io.tradeflow.core.strategy.Series.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class BotStrategyTest {

    private static final Map<String, String> SMA_PARAMS = Map.of("fast", "9", "slow", "21",
            "confirmationCandles", "2", "minSignalIntervalMinutes", "15", "slBufferPercent", "0.2");
    private static final Map<String, String> RSI_PARAMS = Map.of("allowShort", "true",
            "minSignalIntervalMinutes", "5");

    private static BigDecimal wave(int k, double center, double amplitude, double period) {
        return BigDecimal.valueOf(center + amplitude * Math.sin(k / period)).setScale(4, RoundingMode.HALF_UP);
    }

    /** Waves of different periods, so the averages cross now and then and RSI visits both extremes. */
    private static IndicatorsComputed smaKline(int k) {
        BigDecimal close = wave(k, 100, 3, 5);
        return snapshot(k, close.toPlainString(), "sma(9)", wave(k, 100, 2, 7).toPlainString(),
                "sma(21)", wave(k, 100, 1, 19).toPlainString(),
                "lowest(10)", close.subtract(new BigDecimal("2.5")).toPlainString(),
                "highest(10)", close.add(new BigDecimal("2.5")).toPlainString());
    }

    private static IndicatorsComputed rsiKline(int k) {
        return snapshot(k, wave(k, 100, 3, 5).toPlainString(), "rsi(14)", wave(k, 50, 30, 6).toPlainString(),
                "atr(14)", "1.25");
    }

    private static List<SignalGenerated> signals(BotStrategy bot, IntFunction<IndicatorsComputed> series, int from,
            int to) {
        List<SignalGenerated> signals = new ArrayList<>();
        for (int k = from; k < to; k++) {
            bot.onSnapshot(series.apply(k), 42).signal().ifPresent(signals::add);
        }
        return signals;
    }

    @Test
    void buildsTheSignalEventFromTheDecision() {
        BotStrategy bot = BotStrategy.of(Series.bot("sma-crossover", Map.of("confirmationCandles", "0")));
        assertThat(bot.indicators()).containsExactlyInAnyOrder("sma(21)", "sma(200)", "lowest(10)", "highest(10)");
        bot.onSnapshot(snapshot(0, "100", "sma(21)", "99", "sma(200)", "100", "lowest(10)", "95"), 42);
        BotStrategy.Outcome outcome = bot.onSnapshot(
                snapshot(1, "100", "sma(21)", "101", "sma(200)", "100", "lowest(10)", "95"), 42);

        SignalGenerated signal = outcome.signal().orElseThrow();
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.duplicate()).isFalse();
        assertThat(signal.botId()).isEqualTo("bot-1");
        assertThat(signal.strategy()).isEqualTo("sma-crossover");
        assertThat(signal.klineOpenTime()).isEqualTo(Series.openTime(1));
        assertThat(signal.action()).isEqualTo(SignalAction.ENTER_LONG);
        assertThat(signal.referencePrice()).isEqualTo(new BigDecimal("100"));
        assertThat(signal.stopLoss()).isEqualTo(new BigDecimal("95.00000000"));
        assertThat(signal.takeProfit()).isEqualTo(new BigDecimal("110.00000000"));
        assertThat(signal.producedAt()).isEqualTo(42);
        assertThat(bot.lastOpenTime()).isEqualTo(Series.openTime(1));
    }

    @Test
    void aSnapshotNotNewerThanTheLastChangesNothing() {
        BotStrategy bot = BotStrategy.of(Series.bot("sma-crossover", Map.of("confirmationCandles", "0")));
        bot.onSnapshot(snapshot(0, "100", "sma(21)", "99", "sma(200)", "100", "lowest(10)", "95"), 42);
        IndicatorsComputed cross = snapshot(1, "100", "sma(21)", "101", "sma(200)", "100", "lowest(10)", "95");
        assertThat(bot.onSnapshot(cross, 42).signal()).isPresent();
        StrategyState after = bot.state();

        for (IndicatorsComputed old : List.of(cross, snapshot(0, "100", "sma(21)", "1", "sma(200)", "100"))) {
            BotStrategy.Outcome outcome = bot.onSnapshot(old, 43);
            assertThat(outcome.duplicate()).isTrue();
            assertThat(outcome.signal()).isEmpty();
            assertThat(bot.state()).isSameAs(after);
            assertThat(bot.lastOpenTime()).isEqualTo(Series.openTime(1));
        }
    }

    @Test
    void aRejectionIsReported() {
        BotStrategy bot = BotStrategy.of(Series.bot("sma-crossover", Map.of("confirmationCandles", "0")));
        bot.onSnapshot(snapshot(0, "100", "sma(21)", "99", "sma(200)", "100", "lowest(10)", "95"), 42);
        BotStrategy.Outcome outcome = bot.onSnapshot(
                snapshot(1, "100", "sma(21)", "101", "sma(200)", "100", "lowest(10)", "100"), 42);
        assertThat(outcome.signal()).isEmpty();
        assertThat(outcome.rejected().orElseThrow().reason()).isEqualTo("zero-risk");
    }

    @Test
    void aSnapshotOfAnotherSeriesIsABug() {
        BotStrategy bot = BotStrategy.of(Series.bot("sma-crossover", Map.of()));
        IndicatorsComputed kline = snapshot(0, "100");
        IndicatorsComputed otherSymbol = new IndicatorsComputed(Symbol.of("ETHUSDT"), kline.interval(),
                kline.openTime(), kline.closeTime(), kline.open(), kline.high(), kline.low(), kline.close(),
                kline.volume(), kline.values(), true, kline.eventTime(), kline.producedAt());
        IndicatorsComputed otherInterval = new IndicatorsComputed(kline.symbol(), Interval.FIVE_MINUTES,
                kline.openTime(), kline.closeTime(), kline.open(), kline.high(), kline.low(), kline.close(),
                kline.volume(), kline.values(), true, kline.eventTime(), kline.producedAt());
        assertThatThrownBy(() -> bot.onSnapshot(otherSymbol, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bot bot-1 trades BTCUSDT 1m, not ETHUSDT 1m");
        assertThatThrownBy(() -> bot.onSnapshot(otherInterval, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(bot.lastOpenTime()).isEqualTo(BotStrategy.NO_KLINE);
    }

    @Test
    void aBotThatCannotRunIsRefused() {
        assertThatThrownBy(() -> BotStrategy.of(Series.bot("sma-crossover", Map.of("fast", "300"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("parameter 'fast' must be below 'slow' (200), not '300'");
        assertThatThrownBy(() -> BotStrategy.of(Series.bot("ema-cross", Map.of())))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("unknown strategy 'ema-cross'");
    }

    @Test
    void aStateOfAnotherStrategyIsRefused() {
        BotStrategy bot = BotStrategy.of(Series.bot("sma-crossover", Map.of()));
        assertThatThrownBy(() -> bot.restore(RsiReversionState.INITIAL, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRestoredBotContinuesExactlyAsAnUninterruptedOne() {
        assertRestoreIsInvisible("sma-crossover", SMA_PARAMS, BotStrategyTest::smaKline);
        assertRestoreIsInvisible("rsi-reversion", RSI_PARAMS, BotStrategyTest::rsiKline);
    }

    private static void assertRestoreIsInvisible(String type, Map<String, String> params,
            IntFunction<IndicatorsComputed> series) {
        int length = 400;
        List<SignalGenerated> uninterrupted = signals(BotStrategy.of(Series.bot(type, params)), series, 0, length);
        assertThat(uninterrupted).as(type + " signals").hasSizeGreaterThan(5);
        assertThat(uninterrupted).extracting(SignalGenerated::action).as(type + " actions")
                .contains(SignalAction.ENTER_LONG, SignalAction.ENTER_SHORT);

        for (int stop = 1; stop < length; stop += 7) {
            BotStrategy first = BotStrategy.of(Series.bot(type, params));
            List<SignalGenerated> joined = signals(first, series, 0, stop);
            String stored = StrategyStates.encode(first.state());

            BotStrategy restarted = BotStrategy.of(Series.bot(type, params));
            restarted.restore(StrategyStates.decode(stored), first.lastOpenTime());
            restarted.onSnapshot(series.apply(stop - 1), 42); // redelivered after the restart: ignored
            joined.addAll(signals(restarted, series, stop, length));
            assertThat(joined).as(type + " stopped after kline " + stop).isEqualTo(uninterrupted);
        }
    }
}
