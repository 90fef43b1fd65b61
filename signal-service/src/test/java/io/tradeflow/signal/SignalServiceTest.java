package io.tradeflow.signal;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.domain.StoredState;
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
    protected RedisDataSource redis;
    @Inject
    protected BotRegistry registry;

    /** Puts the bot on bots.v1 and waits until the service runs it, so no snapshot of the test meets it unknown. */
    protected void start(BotDefinition bot) {
        KafkaTopics.send(bootstrap, List.of(bot));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.isRunning(bot.botId()));
    }

    /** Waits until the bot's state in Redis says it has evaluated the kline that opened at {@code openTime}. */
    protected void awaitEvaluated(String botId, long openTime) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String json = redis.value(String.class).get(StoredState.key(botId));
            return json != null && StoredState.fromJson(json).lastOpenTime() >= openTime;
        });
    }

    protected List<String> signalsOf(String botId) {
        return KafkaTopics.signalsOf(bootstrap, botId).stream().map(RecordedDay::describe).toList();
    }

    protected static List<String> described(List<SignalGenerated> signals) {
        return signals.stream().map(RecordedDay::describe).toList();
    }
}
