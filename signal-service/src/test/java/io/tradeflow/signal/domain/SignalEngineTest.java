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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The restart design without servers: Redis and Kafka are a map and a list here. */
class SignalEngineTest {
    private final BotDefinition bot = RecordedDay.bot("engine-bot", Symbol.of("ENGINEUSDT"), RecordedDay.SMA_PARAMS);
    private final List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot);
    private final List<SignalGenerated> expected = RecordedDay.signals(bot, snapshots);
    private final MapStateStore states = new MapStateStore();
    private final InMemorySignalsTopic topic = new InMemorySignalsTopic();
    private final PublishedSignals published = new PublishedSignals();
    private final BotRegistry bots = new BotRegistry();

    @Test
    void aCrashBetweenPublishingAndWritingTheStateSendsNoSignalTwice() {
        bots.update(bot.botId(), bot);
        int signalAt = indexOf(expected.get(2).klineOpenTime());
        SignalEngine beforeCrash = engine(published, topic);
        snapshots.subList(0, signalAt).forEach(beforeCrash::process);
        StoredState lastWritten = states.load(bot.botId()).orElseThrow();
        beforeCrash.process(snapshots.get(signalAt));
        states.save(bot.botId(), lastWritten); // the crash: the signal is out, its state write never happened

        PublishedSignals readBackFromTopic = new PublishedSignals();
        topic.signals().forEach(readBackFromTopic::record);
        SignalEngine afterRestart = engine(readBackFromTopic, topic);
        snapshots.subList(signalAt, snapshots.size()).forEach(afterRestart::process);

        assertThat(described(topic.signals())).containsExactlyElementsOf(described(expected));
        // The replayed snapshot's watermark comes twice, with the same id: harmless, and none is missing.
        assertThat(topic.watermarks()).hasSize(snapshots.size() + 1);
        assertThat(topic.watermarks().stream().map(SignalWatermark::eventId).distinct()).hasSize(snapshots.size());
    }

    @Test
    void everySnapshotEndsWithItsWatermarkBehindItsSignalsAndItsBotsState() {
        bots.update(bot.botId(), bot);
        List<Long> stateAtEachWatermark = new ArrayList<>();
        // Runs as each watermark arrives: the bot's state must already have seen the watermark's kline. It must not
        // throw (the engine would retry the publish forever), so a missing state is recorded as -1.
        InMemorySignalsTopic checked = new InMemorySignalsTopic(() -> stateAtEachWatermark.add(
                states.load(bot.botId()).map(StoredState::lastOpenTime).orElse(-1L)));
        SignalEngine engine = engine(published, checked);
        snapshots.forEach(engine::process);

        assertThat(checked.records().stream().map(RecordedDay::describeRecord).toList())
                .containsExactlyElementsOf(RecordedDay.expectedRecords(snapshots, expected));
        assertThat(stateAtEachWatermark).containsExactlyElementsOf(snapshots.stream().map(IndicatorsComputed::openTime).toList());
    }

    @Test
    void aSeriesWithoutBotsStillGetsOneWatermarkPerSnapshot() {
        SignalEngine engine = engine(published, topic);
        snapshots.forEach(engine::process);

        assertThat(topic.signals()).isEmpty();
        assertThat(topic.watermarks().stream().map(SignalWatermark::klineOpenTime).toList())
                .containsExactlyElementsOf(snapshots.stream().map(IndicatorsComputed::openTime).toList());
    }

    @Test
    void aStateOfAnOlderDefinitionIsNotContinued() {
        bots.update(bot.botId(), bot);
        states.save(bot.botId(), new StoredState("engine-bot-1", snapshots.getLast().openTime(), "{}"));

        SignalEngine engine = engine(published, topic);
        snapshots.forEach(engine::process);

        assertThat(topic.signals()).hasSameSizeAs(expected);
        assertThat(states.load(bot.botId()).orElseThrow().version()).isEqualTo(bot.eventId());
    }

    @Test
    void aStoppedBotIsNoLongerEvaluated() {
        bots.update(bot.botId(), bot);
        SignalEngine engine = engine(published, topic);
        int signalAt = indexOf(expected.getFirst().klineOpenTime());
        snapshots.subList(0, signalAt + 1).forEach(engine::process);
        bots.update(bot.botId(), null);
        engine.forget(bot.botId());
        snapshots.subList(signalAt + 1, snapshots.size()).forEach(engine::process);

        assertThat(topic.signals()).hasSize(1);
        assertThat(bots.runningCount()).isZero();
    }

    private SignalEngine engine(PublishedSignals guard, SignalSink sink) {
        return new SignalEngine(bots, states, sink, guard, new SignalMetrics(new SimpleMeterRegistry()),
                new Retrying(Duration.ofMillis(100)), Clock.systemUTC());
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
