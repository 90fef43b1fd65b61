package io.tradeflow.execution.rest;

import io.tradeflow.core.execution.Trader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The bots whose kill switch has tripped, for gateway-api (internal): one answer for all bots, where
 * {@code GET /api/v1/bots/{botId}/halt} answers for one (404 when it is not halted).
 */
@Path("/api/v1/halts")
@Produces(MediaType.APPLICATION_JSON)
public class HaltResource {
    private final Trader trader;

    public HaltResource(Trader trader) {
        this.trader = trader;
    }

    /** Every halt now, by bot id: {@code [{botId, reason, detail, haltedAt}]}; empty when no bot is halted. */
    @GET
    public List<Map<String, Object>> list() {
        return trader.halts().stream().map(BotResource::body).toList();
    }
}
