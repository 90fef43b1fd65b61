package io.tradeflow.gateway.botsfile;

import io.tradeflow.gateway.bots.BotRequest;

/**
 * One entry of the bots file: the fields of a REST bot ({@link BotRequest}) and {@code running} (default true: a bot
 * in the file runs). Scalars may be written as YAML numbers; they are read as their text, so {@code 0.10} stays 0.10.
 */
public record FileBot(String botId, String name, String market, String symbol, String interval,
        BotRequest.Strategy strategy, BotRequest.Risk risk, String venue, Boolean running) {

    BotRequest request() {
        return new BotRequest(botId, name, market, symbol, interval, strategy, risk, venue);
    }

    boolean runs() {
        return running == null || running;
    }
}
