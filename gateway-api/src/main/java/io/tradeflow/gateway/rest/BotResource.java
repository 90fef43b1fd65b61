package io.tradeflow.gateway.rest;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.gateway.bots.BotRequest;
import io.tradeflow.gateway.bots.Bots;
import io.tradeflow.gateway.query.OpenPositions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Bot lifecycle: reading needs the viewer role, every change trader. A bot's version is its ETag; a PUT must send it as
 * {@code If-Match} and gets 409 when the bot changed meanwhile.
 */
@Path("/api/v1/bots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BotResource {
    private final Bots bots;
    private final OpenPositions openPositions;

    public BotResource(Bots bots, OpenPositions openPositions) {
        this.bots = bots;
        this.openPositions = openPositions;
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "Every bot")
    public List<BotView> list() {
        return bots.all().stream().map(BotView::of).toList();
    }

    @GET
    @RolesAllowed("viewer")
    @Path("/{botId}")
    public Response one(@PathParam("botId") String botId) {
        return ok(bots.find(botId).orElseThrow(() -> new Bots.NotFound(botId)));
    }

    @POST
    @RolesAllowed("trader")
    @Operation(summary = "Create a bot (STOPPED until started); 400 names the field at fault")
    public Response create(BotRequest request) {
        if (request == null) {
            return Problems.problem(400, "Invalid bot", "a bot is required in the body", "body");
        }
        Bots.Stored stored = bots.create(request);
        return Response.created(URI.create("/api/v1/bots/" + stored.definition().botId()))
                .tag(new EntityTag(Long.toString(stored.version()))).entity(BotView.of(stored)).build();
    }

    @PUT
    @RolesAllowed("trader")
    @Path("/{botId}")
    @Operation(summary = "Replace a bot's definition; If-Match: its version (ETag)")
    public Response update(@PathParam("botId") String botId, @HeaderParam("If-Match") String ifMatch,
            BotRequest request) {
        if (ifMatch == null || !ifMatch.replace("\"", "").matches("[0-9]{1,18}")) {
            return Problems.problem(428, "Precondition required", "send the bot's version (its ETag) as If-Match",
                    "If-Match");
        }
        if (request == null) {
            return Problems.problem(400, "Invalid bot", "a bot is required in the body", "body");
        }
        return ok(bots.update(botId, request, Long.parseLong(ifMatch.replace("\"", ""))));
    }

    @DELETE
    @RolesAllowed("trader")
    @Path("/{botId}")
    @Operation(summary = "Delete a stopped bot: 204; 409 while it runs or holds a position, unless closePosition=true "
            + "(then 202: it is stopped, its position closed, and it is deleted once flat)")
    public Response delete(@PathParam("botId") String botId, @QueryParam("closePosition") boolean closePosition) {
        Bots.Stored bot = bots.find(botId).orElseThrow(() -> new Bots.NotFound(botId));
        if (bot.owner() == Bots.Owner.FILE) {
            throw new Bots.Conflict("Bot " + botId + " is defined in the bots file: delete it there");
        }
        if (closePosition) {
            return Response.accepted(BotView.of(bots.deleteWhenFlat(botId))).build();
        }
        // A running bot may have an entry on its way that position-service has not booked yet: stop it first.
        if (bot.definition().status() == BotStatus.RUNNING) {
            return Problems.problem(409, "Bot running", "Bot " + botId + " is running: stop it first (POST "
                    + "/api/v1/bots/" + botId + "/stop), or ask DELETE /api/v1/bots/" + botId + "?closePosition=true "
                    + "to stop it, close its position and delete it once flat", null);
        }
        long open = openPositions.of(botId);
        if (open == 0) {
            bots.delete(botId);
            return Response.noContent().build();
        }
        return Problems.problem(409, "Position open", "Bot " + botId + " holds " + open + " open position(s): "
                + "close it first (POST /api/v1/bots/" + botId + "/stop?closePosition=true), or ask DELETE "
                + "/api/v1/bots/" + botId + "?closePosition=true to close it and delete the bot once flat", null);
    }

    @POST
    @RolesAllowed("trader")
    @Path("/{botId}/start")
    public Response start(@PathParam("botId") String botId) {
        return ok(bots.start(botId));
    }

    @POST
    @RolesAllowed("trader")
    @Path("/{botId}/stop")
    @Operation(summary = "Stop a bot; with closePosition=true its open position is also closed (at its next kline)")
    public Response stop(@PathParam("botId") String botId, @QueryParam("closePosition") boolean closePosition) {
        return ok(bots.stop(botId, closePosition));
    }

    private static Response ok(Bots.Stored stored) {
        return Response.ok(BotView.of(stored)).tag(new EntityTag(Long.toString(stored.version()))).build();
    }
}
