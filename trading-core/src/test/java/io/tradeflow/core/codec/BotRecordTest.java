package io.tradeflow.core.codec;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.GoldenEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BotRecordTest {
    private static final byte[] GOLDEN = GoldenEvents.bytes(BotDefinition.class);

    @Test
    void aDefinitionUnderItsBotIdIsTheBot() {
        assertThat(BotRecord.read("btc-ema-cross", GOLDEN))
                .isEqualTo(new BotRecord.Defined(GoldenEvents.event(BotDefinition.class)));
    }

    @Test
    void aTombstoneDeletesTheBotOfItsKey() {
        assertThat(BotRecord.read("btc-ema-cross", null)).isEqualTo(new BotRecord.Deleted("btc-ema-cross"));
    }

    @Test
    void whatCannotBeABotSaysWhy() {
        assertThat(BotRecord.read(null, GOLDEN)).isEqualTo(
                new BotRecord.Unreadable("record without a key (bots.v1 is keyed by bot id)"));
        assertThat(BotRecord.read("other", GOLDEN)).isEqualTo(
                new BotRecord.Unreadable("key 'other' is not the botId 'btc-ema-cross'"));
        assertThat(BotRecord.read("x", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(BotRecord.Unreadable.class, u -> assertThat(u.reason()).startsWith("BotDefinition: not valid JSON"));
    }
}
