package io.tradeflow.signal.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.signal.KafkaTopics;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.SignalServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class DeadLetterTest extends SignalServiceTest {
    @Inject
    MeterRegistry meters;
    private static final Symbol SYMBOL = Symbol.of("SIGDLQUSDT");

    @Test
    void anUnreadableSnapshotGoesToTheDeadLetterTopicAndTheNextOneIsStillEvaluated() {
        BotDefinition bot = RecordedDay.bot("sig-dlq-bot", SYMBOL, RecordedDay.SMA_PARAMS);
        List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot);
        SignalGenerated first = RecordedDay.signals(bot, snapshots).getFirst();
        int signalAt = indexOf(snapshots, first.klineOpenTime());
        byte[] poison = "{\"eventType\":\"IndicatorsComputed\",\"symbol\":".getBytes(StandardCharsets.UTF_8);

        start(bot);
        KafkaTopics.send(bootstrap, snapshots.subList(0, signalAt));
        KafkaTopics.sendRaw(bootstrap, Topics.INDICATORS, SYMBOL.value(), poison);
        KafkaTopics.send(bootstrap, snapshots.subList(signalAt, signalAt + 1));
        awaitEvaluated(bot, first.klineOpenTime());

        assertThat(signalsOf(bot.botId())).containsExactly(RecordedDay.describe(first));
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaTopics.readAll(bootstrap, Topics.dlq(Topics.INDICATORS)).stream()
                .anyMatch(r -> SYMBOL.value().equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8)
                        .equals(new String(poison, StandardCharsets.UTF_8))));
    }

    @Test
    void anUnreadableBotDefinitionIsCountedAndIgnoredNotDeadLetteredAgain() throws Exception {
        byte[] poison = "{not a bot".getBytes(StandardCharsets.UTF_8);
        double before = meters.counter("tradeflow.bots.unreadable").count();

        KafkaTopics.sendRaw(bootstrap, Topics.BOTS, "sig-dlq-poison-bot", poison);

        await().atMost(Duration.ofSeconds(30)).until(() -> meters.counter("tradeflow.bots.unreadable").count() > before);
        assertThat(registry.isRunning("sig-dlq-poison-bot")).isFalse();
        Thread.sleep(500);
        // market-data-service dead-letters bots.v1 once; each stage instance doing it again would multiply it.
        assertThat(KafkaTopics.readAll(bootstrap, Topics.dlq(Topics.BOTS))).noneMatch(r -> "sig-dlq-poison-bot".equals(r.key()));
    }

    @Test
    void aRunningBotWhoseLatestRecordIsUnreadableStopsAsIfDeleted() {
        BotDefinition bot = RecordedDay.bot("sig-dlq-spoilt-bot", SYMBOL, RecordedDay.SMA_PARAMS);
        start(bot);

        KafkaTopics.sendRaw(bootstrap, Topics.BOTS, bot.botId(), "{\"eventType\":\"BotDefinition\"".getBytes(StandardCharsets.UTF_8));

        // After a restart the table holds the same unreadable bytes and the bot is not run: live must agree.
        await().atMost(Duration.ofSeconds(30)).until(() -> !registry.isRunning(bot.botId()));
    }

    static int indexOf(List<IndicatorsComputed> snapshots, long openTime) {
        for (int i = 0; i < snapshots.size(); i++) {
            if (snapshots.get(i).openTime() == openTime) {
                return i;
            }
        }
        throw new AssertionError("no snapshot opens at " + openTime);
    }
}
