package io.tradeflow.gateway.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * What other services know of one bot: statistics and equity (position-service), the kill switch (execution-service).
 * Its sub-paths sit beside {@code rest.BotResource}'s ({@code /api/v1/bots/{botId}}, {@code /start}, {@code /stop}),
 * which RESTEasy Reactive matches by the whole path (tested in {@code QueryProxyTest}).
 */
@Path("/api/v1/bots/{botId}")
@Produces(MediaType.APPLICATION_JSON)
public class BotQueryResource {
    private final Downstreams downstreams;

    public BotQueryResource(Downstreams downstreams) {
        this.downstreams = downstreams;
    }

    @GET
    @Path("/stats")
    @RolesAllowed("viewer")
    @Operation(summary = "The bot's statistics over its closed positions, one entry per margin asset")
    public Response stats(@PathParam("botId") String botId) {
        return downstreams.position(api -> api.botStatistics(botId));
    }

    @GET
    @Path("/equity")
    @RolesAllowed("viewer")
    @Operation(summary = "The bot's equity curve: one point per closed position, oldest first")
    public Response equity(@PathParam("botId") String botId,
            @Parameter(description = "closed at or after, epoch ms") @QueryParam("from") String from,
            @Parameter(description = "closed at or before, epoch ms") @QueryParam("to") String to) {
        return downstreams.position(api -> api.equity(botId, Params.whole("from", from), Params.whole("to", to)));
    }

    @GET
    @Path("/halt")
    @RolesAllowed("viewer")
    @Operation(summary = "Why the bot's kill switch tripped; 404 when it is not halted")
    public Response halt(@PathParam("botId") String botId) {
        return downstreams.execution(api -> api.halt(botId));
    }

    @POST
    @Path("/resume")
    @RolesAllowed("trader")
    @Operation(summary = "Lift the bot's kill switch: its entries run again and its loss limits restart from the "
            + "balance at its next entry; 404 when it is not halted")
    public Response resume(@PathParam("botId") String botId) {
        return downstreams.execution(api -> api.resume(botId));
    }
}
