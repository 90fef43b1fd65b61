package io.tradeflow.signal.domain;

import io.tradeflow.core.event.BotDefinition;

/** A bot that is RUNNING with parameters its strategy accepts. */
public record RunningBot(BotDefinition definition) {

    public String botId() {
        return definition.botId();
    }

    /**
     * Which write of the definition this is. Any new write (new parameters, a stop and start, a rename) starts the
     * strategy afresh: its remembered values would otherwise span klines it never saw or rules it no longer has.
     */
    public String version() {
        return definition.eventId();
    }

    public String strategy() {
        return definition.strategy().type();
    }

    String pair() {
        return pairOf(definition.symbol().value(), definition.interval().code());
    }

    static String pairOf(String symbol, String interval) {
        return symbol + ":" + interval;
    }
}
