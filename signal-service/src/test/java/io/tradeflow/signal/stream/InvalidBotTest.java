package io.tradeflow.signal.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.signal.KafkaTopics;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.SignalServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class InvalidBotTest extends SignalServiceTest {
    private static final Symbol SYMBOL = Symbol.of("SIGBADUSDT");

    @Inject
    MeterRegistry meters;

    @Test
    void botsWithParametersTheirStrategyRefusesProduceNothingAndAreCounted() {
        Map<String, String> fastNotBelowSlow = new HashMap<>(RecordedDay.SMA_PARAMS);
        fastNotBelowSlow.put("fast", "20");
        fastNotBelowSlow.put("slow", "5");
        Map<String, String> unknownKey = new HashMap<>(RecordedDay.SMA_PARAMS);
        unknownKey.put("speed", "3");
        BotDefinition control = RecordedDay.bot("sig-bad-control", SYMBOL, RecordedDay.SMA_PARAMS);
        BotDefinition wrongOrder = RecordedDay.bot("sig-bad-order", SYMBOL, fastNotBelowSlow);
        BotDefinition unknown = RecordedDay.bot("sig-bad-key", SYMBOL, unknownKey);
        double rejectedBefore = rejected();

        KafkaTopics.send(bootstrap, List.of(wrongOrder, unknown));
        start(control);
        await().atMost(Duration.ofSeconds(10)).until(() -> rejected() - rejectedBefore >= 2);
        List<IndicatorsComputed> snapshots = RecordedDay.snapshots(control).subList(0, 600);
        KafkaTopics.send(bootstrap, snapshots);
        awaitEvaluated(control, snapshots.getLast().openTime());

        assertThat(rejected() - rejectedBefore).isEqualTo(2);
        assertThat(registry.isRunning(wrongOrder.botId())).isFalse();
        assertThat(registry.isRunning(unknown.botId())).isFalse();
        assertThat(signalsOf(control.botId())).isNotEmpty();
        assertThat(signalsOf(wrongOrder.botId())).isEmpty();
        assertThat(signalsOf(unknown.botId())).isEmpty();
    }

    private double rejected() {
        return meters.counter("tradeflow.bots.rejected", "strategy", "sma-crossover").count();
    }
}
