package io.tradeflow.core.messaging;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.GoldenEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BotRecordTest {
    private static final byte[] GOLDEN = GoldenEvents.bytes(BotDefinition.class);

    @Test
    void aDefinitionUnderItsBotIdIsTheBot() {
        assertThat(BotRecord.read(record("btc-ema-cross", GOLDEN)))
                .isEqualTo(new BotRecord.Defined(GoldenEvents.event(BotDefinition.class)));
    }

    @Test
    void aTombstoneDeletesTheBotOfItsKey() {
        assertThat(BotRecord.read(record("btc-ema-cross", null))).isEqualTo(new BotRecord.Deleted("btc-ema-cross"));
    }

    @Test
    void whatCannotBeABotSaysWhy() {
        assertThat(BotRecord.read(record(null, GOLDEN))).isEqualTo(
                new BotRecord.Unreadable("record without a key (bots.v1 is keyed by bot id)"));
        assertThat(BotRecord.read(record("other", GOLDEN))).isEqualTo(
                new BotRecord.Unreadable("key 'other' is not the botId 'btc-ema-cross'"));
        assertThat(BotRecord.read(record("x", "{not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(BotRecord.Unreadable.class, u -> assertThat(u.reason()).startsWith("BotDefinition: not valid JSON"));
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("bots.v1", 0, 0, key, value);
    }
}
