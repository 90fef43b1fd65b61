package io.tradeflow.signal.stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.signal.KafkaTopics;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.SignalServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class DuplicateSnapshotTest extends SignalServiceTest {

    @Test
    void aRedeliveredSnapshotProducesNoSecondSignal() {
        BotDefinition bot = RecordedDay.bot("sig-dup-bot", Symbol.of("SIGDUPUSDT"), RecordedDay.SMA_PARAMS);
        List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot);
        List<SignalGenerated> expected = RecordedDay.signals(bot, snapshots);
        int first = DeadLetterTest.indexOf(snapshots, expected.get(0).klineOpenTime());
        int second = DeadLetterTest.indexOf(snapshots, expected.get(1).klineOpenTime());

        start(bot);
        KafkaTopics.send(bootstrap, snapshots.subList(0, first + 1));
        // The signal's snapshot again, and an older one: both already seen by the bot.
        KafkaTopics.send(bootstrap, List.of(snapshots.get(first), snapshots.get(first - 1)));
        KafkaTopics.send(bootstrap, snapshots.subList(first + 1, second + 1));
        awaitEvaluated(bot, snapshots.get(second).openTime());

        assertThat(signalsOf(bot.botId())).containsExactlyElementsOf(described(expected.subList(0, 2)));
    }
}
