package io.tradeflow.core.codec;

import io.tradeflow.core.event.BotDefinition;

/**
 * What one {@code bots.v1} record says, read the same way by every service that follows the topic: a bot's
 * definition, a deletion (a tombstone), or a record that cannot be one (no key, bad JSON, a key that is not the
 * definition's bot id), which the reader dead-letters or counts.
 */
public sealed interface BotRecord {

    /** The bot's latest definition. */
    record Defined(BotDefinition bot) implements BotRecord {
    }

    /** A tombstone: the bot is deleted. */
    record Deleted(String botId) implements BotRecord {
    }

    /** Not a bot record; {@code reason} says why. */
    record Unreadable(String reason) implements BotRecord {
    }

    /** What a record with this key and value (null for a tombstone) says, however it was read. */
    static BotRecord read(String key, byte[] value) {
        if (key == null) {
            return new Unreadable("record without a key (bots.v1 is keyed by bot id)");
        }
        if (value == null) {
            return new Deleted(key);
        }
        BotDefinition bot;
        try {
            bot = EventCodec.decode(value, BotDefinition.class);
        } catch (EventDecodingException e) {
            return new Unreadable(e.getMessage());
        }
        if (!bot.botId().equals(key)) {
            return new Unreadable("key '" + key + "' is not the botId '" + bot.botId() + "'");
        }
        return new Defined(bot);
    }
}
