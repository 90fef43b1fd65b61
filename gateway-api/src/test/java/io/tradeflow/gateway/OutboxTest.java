package io.tradeflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.service.messaging.TopicTail;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.gateway.bots.BotOutboxEntity;
import io.tradeflow.gateway.bots.BotRequest;
import io.tradeflow.gateway.messaging.BotOutbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * What a crash between a bot's commit and its publish leaves (an outbox row nobody drained) is published by the
 * outbox's schedule, in order, and removed (devstack).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayFixture.class, restrictToAnnotatedClass = false)
class OutboxTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCommittedChangeThatWasNotPublishedIsPublishedLater() {
        long now = System.currentTimeMillis();
        BotRequest request = new BotRequest("outbox-left", null, null, "BTCUSDT", "1m",
                new BotRequest.Strategy("sma-crossover", Map.of("fast", "5", "slow", "20")),
                new BotRequest.Risk("100", 10, null, null), null);
        BotDefinition stopped = request.toDefinition("outbox-left", BotStatus.STOPPED, now);
        BotDefinition running = request.toDefinition("outbox-left", BotStatus.RUNNING, now + 1);
        QuarkusTransaction.requiringNew().run(() -> {
            BotOutbox.add("outbox-left", EventCodec.encode(stopped));
            BotOutbox.add("outbox-left", EventCodec.encode(running));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> published().size() == 2);
        assertThat(published()).extracting(BotDefinition::status).containsExactly(BotStatus.STOPPED, BotStatus.RUNNING);
        assertThat(QuarkusTransaction.requiringNew().call(() -> BotOutboxEntity.count("botId", "outbox-left")))
                .isZero();
    }

    private List<BotDefinition> published() {
        List<BotDefinition> found = new ArrayList<>();
        TopicTail.read(bootstrap, Topics.BOTS, Long.MAX_VALUE, Duration.ofSeconds(30), r -> {
            if ("outbox-left".equals(r.key())) {
                found.add(EventCodec.decode(r.value(), BotDefinition.class));
            }
        });
        return found;
    }
}
