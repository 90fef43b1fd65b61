package io.tradeflow.signal.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.StrategyStates;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.signal.InMemorySignalsTopic;
import io.tradeflow.signal.KafkaTopics;
import io.tradeflow.signal.MapStateStore;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.SignalServiceTest;
import io.tradeflow.signal.config.SignalConfig;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.domain.PublishedSignals;
import io.tradeflow.signal.domain.Retrying;
import io.tradeflow.signal.domain.SignalEngine;
import io.tradeflow.signal.domain.StoredState;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SignalWatermark after every snapshot, on signals.v1 behind its kline's signals, and reading it back. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class WatermarkTest extends SignalServiceTest {
    /** Six hours of the recorded day: enough for several signals of the bot. */
    private static final int SNAPSHOTS = 360;

    @Test
    void everySnapshotHasItsWatermarkOnSignalsV1BehindTheSignalsOfItsKline() {
        BotDefinition bot = RecordedDay.bot("sig-wm-bot", Symbol.of("SIGWMUSDT"), RecordedDay.SMA_PARAMS);
        List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot).subList(0, SNAPSHOTS);
        List<SignalGenerated> expected = RecordedDay.signals(bot, snapshots);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        // A series no bot runs on: its snapshots get their watermarks all the same.
        Symbol botless = Symbol.of("SIGWMNOBOTUSDT");
        List<IndicatorsComputed> botlessSnapshots = RecordedDay.snapshots(
                RecordedDay.bot("sig-wm-never-started", botless, RecordedDay.SMA_PARAMS)).subList(0, 60);

        start(bot);
        KafkaTopics.send(bootstrap, snapshots);
        KafkaTopics.send(bootstrap, botlessSnapshots);
        List<ConsumerRecord<String, byte[]>> withBot = awaitWatermark(snapshots.getLast());
        List<ConsumerRecord<String, byte[]>> withoutBot = awaitWatermark(botlessSnapshots.getLast());

        // One partition per symbol, so offset order is the order consumers read them in.
        assertThat(withBot).extracting(ConsumerRecord::partition).containsOnly(withBot.getFirst().partition());
        assertThat(describedRecords(withBot)).containsExactlyElementsOf(RecordedDay.expectedRecords(snapshots, expected));
        assertThat(describedRecords(withoutBot)).containsExactlyElementsOf(RecordedDay.expectedRecords(botlessSnapshots, List.of()));
    }

    @Test
    void aRestoreFromATopicWithWatermarksLearnsEachBotsNewestSignalAndGuardsTheReplay() {
        BotDefinition bot = RecordedDay.bot("sig-wm-restore-bot", Symbol.of("SIGWMRESTUSDT"), RecordedDay.SMA_PARAMS);
        List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot).subList(0, SNAPSHOTS);
        List<SignalGenerated> expected = RecordedDay.signals(bot, snapshots);
        SignalGenerated last = expected.getLast();
        start(bot);
        KafkaTopics.send(bootstrap, snapshots);
        awaitWatermark(snapshots.getLast());

        // What a restarted instance does before its first snapshot, here over the whole topic: the other test
        // classes publish to it too, so the configured tail might not reach back to this bot's signals.
        PublishedSignals guard = new PublishedSignals();
        PublishedSignalsRestore.Restored restored = new PublishedSignalsRestore(guard, wholeTopic(),
                Map.of("bootstrap.servers", bootstrap)).restore();

        assertThat(restored.skipped()).isZero();
        assertThat(restored.watermarks()).isGreaterThanOrEqualTo(snapshots.size());
        assertThat(restored.signals()).isGreaterThanOrEqualTo(expected.size());
        assertThat(guard.newest(bot.botId())).isEqualTo(last.klineOpenTime());
        // The crash the restore is for: the last signal acknowledged, its state never written. The replay from the
        // older state sends nothing again with the restored guard, and would without it.
        InMemorySignalsTopic replayed = replayFromBefore(bot, snapshots, last, guard);
        assertThat(replayed.signals()).isEmpty();
        assertThat(replayed.watermarks()).hasSize(snapshots.size() - DeadLetterTest.indexOf(snapshots, last.klineOpenTime()));
        assertThat(replayFromBefore(bot, snapshots, last, new PublishedSignals()).signals())
                .extracting(SignalGenerated::eventId).containsExactly(last.eventId());
    }

    /** Waits until the watermark of {@code snapshot} is on signals.v1; returns its symbol's records then. */
    private List<ConsumerRecord<String, byte[]>> awaitWatermark(IndicatorsComputed snapshot) {
        String watermarkId = Kline.id(snapshot.symbol(), snapshot.interval(), snapshot.openTime());
        AtomicReference<List<ConsumerRecord<String, byte[]>>> records = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            records.set(KafkaTopics.signalsTopicOf(bootstrap, snapshot.symbol().value()));
            return records.get().stream().anyMatch(record -> EventCodec.decodeAny(record.value())
                    instanceof SignalWatermark watermark && watermark.eventId().equals(watermarkId));
        });
        return records.get();
    }

    private static List<String> describedRecords(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> RecordedDay.describeRecord(EventCodec.decodeAny(record.value()))).toList();
    }

    /** A fresh engine, as after a restart, replaying from {@code signal}'s snapshot with the state just before it. */
    private static InMemorySignalsTopic replayFromBefore(BotDefinition bot, List<IndicatorsComputed> snapshots,
                                                         SignalGenerated signal, PublishedSignals guard) {
        int at = DeadLetterTest.indexOf(snapshots, signal.klineOpenTime());
        BotStrategy before = BotStrategy.of(bot);
        RecordedDay.signals(before, snapshots.subList(0, at));
        MapStateStore states = new MapStateStore();
        states.save(bot.botId(), new StoredState(bot.eventId(), before.lastOpenTime(), StrategyStates.encode(before.state())));
        BotRegistry bots = new BotRegistry();
        bots.update(bot.botId(), bot);
        InMemorySignalsTopic topic = new InMemorySignalsTopic();
        SignalEngine engine = new SignalEngine(bots, states, topic, guard, new SignalMetrics(new SimpleMeterRegistry()),
                new Retrying(Duration.ofMillis(100)), Clock.systemUTC());
        snapshots.subList(at, snapshots.size()).forEach(engine::process);
        return topic;
    }

    /** The service's settings, but the restore reads every record of each partition. */
    private static SignalConfig wholeTopic() {
        return new SignalConfig() {
            @Override
            public Restore restore() {
                return () -> Long.MAX_VALUE;
            }

            @Override
            public Retry retry() {
                return () -> Duration.ofSeconds(5);
            }
        };
    }
}
