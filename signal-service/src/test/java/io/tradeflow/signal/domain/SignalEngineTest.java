package io.tradeflow.signal.domain;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The restart design without servers: Redis and Kafka are maps and lists here. */
class SignalEngineTest {
    private final BotDefinition bot = RecordedDay.bot("engine-bot", Symbol.of("ENGINEUSDT"), RecordedDay.SMA_PARAMS);
    private final List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot);
    private final List<SignalGenerated> expected = RecordedDay.signals(bot, snapshots);
    private final MapStore states = new MapStore();
    private final List<SignalGenerated> topic = new ArrayList<>();
    private final PublishedSignals published = new PublishedSignals();
    private final BotRegistry bots = new BotRegistry();

    @Test
    void aCrashBetweenPublishingAndWritingTheStateSendsNoSignalTwice() {
        bots.update(bot.botId(), bot);
        int signalAt = indexOf(expected.get(2).klineOpenTime());
        SignalEngine beforeCrash = engine(published);
        snapshots.subList(0, signalAt).forEach(beforeCrash::process);
        StoredState lastWritten = states.load(bot.botId()).orElseThrow();
        beforeCrash.process(snapshots.get(signalAt));
        states.save(bot.botId(), lastWritten); // the crash: the signal is out, its state write never happened

        PublishedSignals readBackFromTopic = new PublishedSignals();
        topic.forEach(readBackFromTopic::record);
        SignalEngine afterRestart = engine(readBackFromTopic);
        snapshots.subList(signalAt, snapshots.size()).forEach(afterRestart::process);

        assertThat(topic.stream().map(RecordedDay::describe).toList())
                .containsExactlyElementsOf(expected.stream().map(RecordedDay::describe).toList());
    }

    @Test
    void aStateOfAnOlderDefinitionIsNotContinued() {
        bots.update(bot.botId(), bot);
        states.save(bot.botId(), new StoredState("engine-bot-1", snapshots.getLast().openTime(), "{}"));

        SignalEngine engine = engine(published);
        snapshots.forEach(engine::process);

        assertThat(topic).hasSameSizeAs(expected);
        assertThat(states.load(bot.botId()).orElseThrow().version()).isEqualTo(bot.eventId());
    }

    @Test
    void aStoppedBotIsNoLongerEvaluated() {
        bots.update(bot.botId(), bot);
        SignalEngine engine = engine(published);
        int signalAt = indexOf(expected.getFirst().klineOpenTime());
        snapshots.subList(0, signalAt + 1).forEach(engine::process);
        bots.update(bot.botId(), null);
        engine.forget(bot.botId());
        snapshots.subList(signalAt + 1, snapshots.size()).forEach(engine::process);

        assertThat(topic).hasSize(1);
        assertThat(bots.runningCount()).isZero();
    }

    private SignalEngine engine(PublishedSignals guard) {
        return new SignalEngine(bots, states, topic::add, guard, new SignalMetrics(new SimpleMeterRegistry()),
                new Retrying(Duration.ofMillis(100)), Clock.systemUTC());
    }

    private int indexOf(long openTime) {
        for (int i = 0; i < snapshots.size(); i++) {
            if (snapshots.get(i).openTime() == openTime) {
                return i;
            }
        }
        throw new AssertionError(openTime);
    }

    private static final class MapStore implements StateStore {
        private final Map<String, String> json = new HashMap<>();

        @Override
        public Optional<StoredState> load(String botId) {
            return Optional.ofNullable(json.get(botId)).map(StoredState::fromJson);
        }

        @Override
        public void save(String botId, StoredState state) {
            json.put(botId, state.toJson());
        }
    }
}
