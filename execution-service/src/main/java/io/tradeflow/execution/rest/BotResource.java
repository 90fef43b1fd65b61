package io.tradeflow.execution.rest;

import io.tradeflow.core.execution.Halt;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.execution.messaging.ExecutionState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Map;

/**
 * The kill switch, for gateway-api (internal; not the public API): a halted bot's entries are denied until it is
 * resumed here. {@code GET} tells whether a bot is halted and why.
 */
@Path("/api/v1/bots/{botId}")
@Produces(MediaType.APPLICATION_JSON)
public class BotResource {
    /** How long a resume waits for the step in progress before answering 503. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final ExecutionState state;
    private final Trader trader;

    public BotResource(ExecutionState state, Trader trader) {
        this.state = state;
        this.trader = trader;
    }

    @GET
    @Path("/halt")
    public Response halt(@PathParam("botId") String botId) {
        return trader.halt(botId).map(BotResource::body).map(body -> Response.ok(body).build())
                .orElseGet(() -> problem(404, "Not halted", "Bot " + botId + " is not halted"));
    }

    @POST
    @Path("/resume")
    public Response resume(@PathParam("botId") String botId) {
        Halt halt = trader.halt(botId).orElse(null);
        try {
            if (halt == null || !state.resume(botId, LOCK_WAIT)) {
                return problem(404, "Not halted", "Bot " + botId + " is not halted; nothing to resume");
            }
        } catch (IllegalStateException busy) {
            return problem(503, "Busy", "Bot " + botId + " was not resumed: " + busy.getMessage());
        }
        return Response.ok(Map.of("botId", botId, "resumed", true, "was", body(halt))).build();
    }

    static Map<String, Object> body(Halt halt) {
        return Map.of("botId", halt.botId(), "reason", halt.reason().code(), "detail", halt.detail(), "haltedAt", halt.at());
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }
}
