package io.tradeflow.signal.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.service.stream.PollBatch;
import io.tradeflow.signal.KafkaTopics;
import io.tradeflow.signal.RecordedDay;
import io.tradeflow.signal.SignalServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RecordedDayTest extends SignalServiceTest {
    @Inject
    MeterRegistry meters;

    @Test
    void aRecordedDayGivesExactlyTheSignalsOfTheStrategyRunInProcess() {
        BotDefinition bot = RecordedDay.bot("sig-day-bot", Symbol.of("SIGDAYUSDT"), RecordedDay.SMA_PARAMS);
        List<IndicatorsComputed> snapshots = RecordedDay.snapshots(bot);
        List<SignalGenerated> expected = RecordedDay.signals(bot, snapshots);
        assertThat(snapshots).hasSize(1440);
        assertThat(expected).hasSizeGreaterThan(5);
        double processedBefore = meters.counter("tradeflow.snapshots.processed", "interval", "1m").count();

        start(bot);
        KafkaTopics.send(bootstrap, snapshots);
        awaitEvaluated(bot, snapshots.getLast().openTime());

        assertThat(signalsOf(bot.botId())).containsExactlyElementsOf(described(expected));
        assertThat(meters.counter("tradeflow.snapshots.processed", "interval", "1m").count() - processedBefore)
                .isGreaterThanOrEqualTo(1440);
        assertThat(meters.find("tradeflow.signals.generated").tag("strategy", "sma-crossover").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isGreaterThanOrEqualTo(expected.size());
        assertThat(meters.find("tradeflow.strategy.evaluate").timer()).isNotNull();
        assertThat(PollBatch.polls()).as("the PollBatch interceptor counts the stream thread's polls, so a caught-up"
                + " burst commits once").isPositive();
    }
}
