package io.tradeflow.signal;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.signal.domain.BotRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** What the service tests share: the servers' addresses and waiting for the service to get somewhere. */
public abstract class SignalServiceTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrap;
    @Inject
    protected BotRegistry registry;

    /** Puts the bot on bots.v1 and waits until the service runs it, so no snapshot of the test meets it unknown. */
    protected void start(BotDefinition bot) {
        KafkaTopics.send(bootstrap, List.of(bot));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.isRunning(bot.botId()));
    }

    /**
     * Waits until the watermark of the bot's kline that opened at {@code openTime} is on signals.v1: the bot has
     * evaluated that snapshot and its signals are committed (they precede the watermark in the same transaction).
     */
    protected void awaitEvaluated(BotDefinition bot, long openTime) {
        String watermarkId = Kline.id(bot.symbol(), bot.interval(), openTime);
        await().atMost(Duration.ofSeconds(60)).until(() -> KafkaTopics.signalsTopicOf(bootstrap, bot.symbol().value()).stream()
                .anyMatch(record -> EventCodec.decodeAny(record.value()) instanceof SignalWatermark watermark
                        && watermark.eventId().equals(watermarkId)));
    }

    protected List<String> signalsOf(String botId) {
        return KafkaTopics.signalsOf(bootstrap, botId).stream().map(RecordedDay::describe).toList();
    }

    protected static List<String> described(List<SignalGenerated> signals) {
        return signals.stream().map(RecordedDay::describe).toList();
    }
}
