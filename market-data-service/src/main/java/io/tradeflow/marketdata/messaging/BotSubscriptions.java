package io.tradeflow.marketdata.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.domain.SubscriptionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows {@code bots.v1} so that every running bot's pair is streamed. The topic is compacted and read from the
 * start by every instance (a fresh consumer group each time), so a restarted service knows every bot again.
 * Records are decoded here rather than by the Kafka deserializer so an unreadable one fails this method and the
 * channel's dead-letter strategy sends it, as it came, to {@code bots.v1.dlq}.
 */
@ApplicationScoped
public class BotSubscriptions {
    private static final Logger LOG = Logger.getLogger(BotSubscriptions.class);

    private final SubscriptionRegistry registry;

    public BotSubscriptions(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    @Incoming("bots")
    @Blocking
    public void onBot(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            registry.botDeleted(record.key());
            return;
        }
        BotDefinition bot = EventCodec.decode(record.value(), BotDefinition.class);
        // A bot stopped with closePosition still needs its next kline: execution closes the position on it.
        BotStatus streamed = bot.closePosition() ? BotStatus.RUNNING : bot.status();
        registry.botUpdated(bot.botId(), new Subscription(bot.symbol(), bot.interval()), streamed);
        LOG.debugf("Bot %s (%s %s) is %s", bot.botId(), bot.symbol().value(), bot.interval().code(), bot.status());
    }
}
