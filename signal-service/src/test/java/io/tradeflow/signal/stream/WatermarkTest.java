package io.tradeflow.signal.stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.signal.KafkaTopics;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.SignalServiceTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SignalWatermark after every snapshot, on signals.v1 behind its kline's signals. */
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
}
