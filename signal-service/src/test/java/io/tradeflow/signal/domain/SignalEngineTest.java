package io.tradeflow.signal.domain;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.signal.InMemorySignalsTopic;
import io.tradeflow.signal.MapStateStore;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine without servers: the task's state store and signals.v1 are a map and a list here. */
class SignalEngineTest {
    private final BotDefinition bot = RecordedDay.bot("engine-bot", Symbol.of("ENGINEUSDT"), RecordedDay.SMA_PARAMS);
    private final List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot);
    private final List<SignalGenerated> expected = RecordedDay.signals(bot, snapshots);
    private final MapStateStore states = new MapStateStore();
    private final InMemorySignalsTopic topic = new InMemorySignalsTopic();
    private final BotRegistry bots = new BotRegistry();

    @Test
    void aBotContinuesFromItsStoredStateAsIfNeverInterrupted() {
        bots.update(bot.botId(), bot);
        int half = snapshots.size() / 2;
        List<SignalGenerated> afternoon = expected.stream()
                .filter(signal -> signal.klineOpenTime() >= snapshots.get(half).openTime()).toList();
        assertThat(afternoon).isNotEmpty();
        SignalEngine morning = engine(topic);
        snapshots.subList(0, half).forEach(morning::process);

        InMemorySignalsTopic afterRestart = new InMemorySignalsTopic();
        SignalEngine restarted = engine(afterRestart);
        snapshots.subList(half, snapshots.size()).forEach(restarted::process);

        assertThat(described(afterRestart.signals())).containsExactlyElementsOf(described(afternoon));
        // Not vacuous: a bot starting afresh at noon would go differently.
        InMemorySignalsTopic fresh = new InMemorySignalsTopic();
        BotRegistry others = new BotRegistry();
        others.update(bot.botId(), bot);
        SignalEngine afresh = new SignalEngine(others, new MapStateStore(), fresh, new SignalMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC());
        snapshots.subList(half, snapshots.size()).forEach(afresh::process);
        assertThat(described(fresh.signals())).isNotEqualTo(described(afternoon));
    }

    @Test
    void everySnapshotEndsWithItsWatermarkBehindItsSignalsAndItsBotsState() {
        bots.update(bot.botId(), bot);
        List<Long> stateAtEachWatermark = new ArrayList<>();
        // Runs as each watermark arrives: the bot's state must already have seen the watermark's kline (a missing
        // state is recorded as -1).
        InMemorySignalsTopic checked = new InMemorySignalsTopic(() -> stateAtEachWatermark.add(
                states.load(bot.botId()).map(StoredState::lastOpenTime).orElse(-1L)));
        SignalEngine engine = engine(checked);
        snapshots.forEach(engine::process);

        assertThat(checked.records().stream().map(RecordedDay::describeRecord).toList())
                .containsExactlyElementsOf(RecordedDay.expectedRecords(snapshots, expected));
        assertThat(stateAtEachWatermark).containsExactlyElementsOf(snapshots.stream().map(IndicatorsComputed::openTime).toList());
    }

    @Test
    void aSeriesWithoutBotsStillGetsOneWatermarkPerSnapshot() {
        SignalEngine engine = engine(topic);
        snapshots.forEach(engine::process);

        assertThat(topic.signals()).isEmpty();
        assertThat(topic.watermarks().stream().map(SignalWatermark::klineOpenTime).toList())
                .containsExactlyElementsOf(snapshots.stream().map(IndicatorsComputed::openTime).toList());
    }

    @Test
    void aStateOfAnOlderDefinitionIsNotContinued() {
        bots.update(bot.botId(), bot);
        states.save(bot.botId(), new StoredState("engine-bot-1", snapshots.getLast().openTime(), "{}"));

        SignalEngine engine = engine(topic);
        snapshots.forEach(engine::process);

        assertThat(topic.signals()).hasSameSizeAs(expected);
        assertThat(states.load(bot.botId()).orElseThrow().version()).isEqualTo(bot.eventId());
    }

    @Test
    void aStoppedBotIsNoLongerEvaluated() {
        bots.update(bot.botId(), bot);
        SignalEngine engine = engine(topic);
        int signalAt = indexOf(expected.getFirst().klineOpenTime());
        snapshots.subList(0, signalAt + 1).forEach(engine::process);
        bots.update(bot.botId(), null);
        snapshots.subList(signalAt + 1, snapshots.size()).forEach(engine::process);

        assertThat(topic.signals()).hasSize(1);
        assertThat(bots.runningCount()).isZero();
    }

    private SignalEngine engine(SignalSink sink) {
        return new SignalEngine(bots, states, sink, new SignalMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    private static List<String> described(List<SignalGenerated> signals) {
        return signals.stream().map(RecordedDay::describe).toList();
    }

    private int indexOf(long openTime) {
        for (int i = 0; i < snapshots.size(); i++) {
            if (snapshots.get(i).openTime() == openTime) {
                return i;
            }
        }
        throw new AssertionError(openTime);
    }
}
