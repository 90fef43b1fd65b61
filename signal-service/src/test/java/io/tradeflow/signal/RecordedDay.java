package io.tradeflow.signal;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.domain.BotStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * trading-core's recorded BTCUSDT day ({@link io.tradeflow.core.testing.RecordedDay}), under a symbol of the test's
 * choosing, as indicator snapshots built in-process, and what a bot's strategy makes of them when nothing interrupts it.
 */
public final class RecordedDay {
    public static final Interval ONE_MINUTE = Interval.fromCode("1m");
    /** Small periods so the day has crosses to find; the 1-minute spacing keeps them from bunching. */
    public static final Map<String, String> SMA_PARAMS = Map.of("fast", "5", "slow", "20", "confirmationCandles", "1",
            "minSignalIntervalMinutes", "15", "pivotLookback", "10");
    private static final long PRODUCED_AT = 1_700_100_000_000L;

    private RecordedDay() {
    }

    public static List<IndicatorsComputed> snapshots(BotDefinition bot) {
        IndicatorSeries series = new IndicatorSeries(bot.symbol(), bot.interval());
        series.require(BotStrategy.of(bot).indicators());
        List<IndicatorsComputed> snapshots = new ArrayList<>();
        for (KlineClosed closed : io.tradeflow.core.testing.RecordedDay.closed(bot.symbol())) {
            series.apply(closed, PRODUCED_AT).snapshot().ifPresent(snapshots::add);
        }
        return snapshots;
    }

    /** The signals a fresh bot produces over the snapshots, in order. */
    public static List<SignalGenerated> signals(BotDefinition bot, List<IndicatorsComputed> snapshots) {
        return signals(BotStrategy.of(bot), snapshots);
    }

    public static List<SignalGenerated> signals(BotStrategy strategy, List<IndicatorsComputed> snapshots) {
        List<SignalGenerated> signals = new ArrayList<>();
        for (IndicatorsComputed snapshot : snapshots) {
            strategy.onSnapshot(snapshot, PRODUCED_AT).signal().ifPresent(signals::add);
        }
        return signals;
    }

    /** A RUNNING sma-crossover bot on {@code symbol} 1m, the golden definition's market, risk and venue. */
    public static BotDefinition bot(String botId, Symbol symbol, Map<String, String> params) {
        BotDefinition golden = golden();
        long now = System.currentTimeMillis();
        return new BotDefinition(botId, "test " + botId, golden.market(), symbol, ONE_MINUTE,
                new StrategySpec("sma-crossover", params), golden.risk(), golden.venue(), BotStatus.RUNNING, false, now, now);
    }

    /** What a signal says, without when it was published. */
    public static String describe(SignalGenerated signal) {
        return signal.eventId() + " " + signal.action() + " @" + signal.referencePrice().toPlainString()
                + " sl=" + plain(signal.stopLoss()) + " tp=" + plain(signal.takeProfit()) + " t=" + signal.eventTime()
                + " (" + signal.reason() + ")";
    }

    /** What a watermark says, without when it was published. */
    public static String describe(SignalWatermark watermark) {
        return "watermark " + watermark.eventId() + " t=" + watermark.eventTime();
    }

    /** A record of signals.v1 described without when it was published; any other event fails the test. */
    public static String describeRecord(Event event) {
        return switch (event) {
            case SignalGenerated signal -> describe(signal);
            case SignalWatermark watermark -> describe(watermark);
            default -> throw new AssertionError("not an event of signals.v1: " + event);
        };
    }

    /**
     * What signals.v1 must hold for a symbol after the service evaluated {@code snapshots}, described: for each
     * snapshot in order, the signals of its kline and then its watermark.
     */
    public static List<String> expectedRecords(List<IndicatorsComputed> snapshots, List<SignalGenerated> signals) {
        List<String> records = new ArrayList<>();
        for (IndicatorsComputed snapshot : snapshots) {
            signals.stream().filter(signal -> signal.klineOpenTime() == snapshot.openTime())
                    .forEach(signal -> records.add(describe(signal)));
            records.add(describe(SignalWatermark.after(snapshot, PRODUCED_AT)));
        }
        return records;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }

    private static BotDefinition golden() {
        try (InputStream in = RecordedDay.class.getResourceAsStream("/events/BotDefinition.json")) {
            return EventCodec.decode(in.readAllBytes(), BotDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
