package io.tradeflow.signal.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.StrategyStates;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.signal.KafkaTopics;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.SignalServiceTest;
import io.tradeflow.signal.domain.StoredState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RestoreTest extends SignalServiceTest {

    @Test
    void aBotContinuesFromItsStoredStateAsIfNeverInterrupted() {
        BotDefinition bot = RecordedDay.bot("sig-restore-bot", Symbol.of("SIGRESTUSDT"), RecordedDay.SMA_PARAMS);
        List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot);
        List<SignalGenerated> uninterrupted = RecordedDay.signals(bot, snapshots);
        List<IndicatorsComputed> firstHalf = snapshots.subList(0, 720);
        List<IndicatorsComputed> secondHalf = snapshots.subList(720, snapshots.size());
        BotStrategy stoppedAtNoon = BotStrategy.of(bot);
        RecordedDay.signals(stoppedAtNoon, firstHalf);
        redis.value(String.class).set(StoredState.key(bot.botId()), new StoredState(bot.eventId(),
                stoppedAtNoon.lastOpenTime(), StrategyStates.encode(stoppedAtNoon.state())).toJson());
        List<SignalGenerated> afternoon = uninterrupted.stream()
                .filter(signal -> signal.klineOpenTime() >= secondHalf.getFirst().openTime()).toList();
        assertThat(afternoon).isNotEmpty();
        // Without the stored state the afternoon would go differently, so the test can tell whether it was restored.
        assertThat(described(RecordedDay.signals(bot, secondHalf))).isNotEqualTo(described(afternoon));

        start(bot);
        KafkaTopics.send(bootstrap, secondHalf);
        awaitEvaluated(bot.botId(), secondHalf.getLast().openTime());

        assertThat(signalsOf(bot.botId())).containsExactlyElementsOf(described(afternoon));
    }
}
