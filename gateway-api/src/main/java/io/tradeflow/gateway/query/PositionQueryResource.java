package io.tradeflow.gateway.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Positions, from position-service ({@code GET /api/v1/positions}); its answers passed on, see {@link Downstream}. */
@Path("/api/v1/positions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class PositionQueryResource {
    private final Downstreams downstreams;

    public PositionQueryResource(Downstreams downstreams) {
        this.downstreams = downstreams;
    }

    @GET
    @Operation(summary = "Positions, newest opened first: a page {page, size, total, items}; decimals are strings")
    public Response list(@QueryParam("botId") String botId, @QueryParam("symbol") String symbol,
            @Parameter(description = "open or closed; both when absent") @QueryParam("status") String status,
            @Parameter(description = "opened at or after, epoch ms") @QueryParam("from") String from,
            @Parameter(description = "opened at or before, epoch ms") @QueryParam("to") String to,
            @Parameter(description = "page index, from 0") @QueryParam("page") String page,
            @Parameter(description = "page size, default 50") @QueryParam("size") String size) {
        return downstreams.position(api -> api.positions(botId, symbol, status, Params.whole("from", from),
                Params.whole("to", to), Params.whole("page", page), Params.whole("size", size)));
    }

    @GET
    @Path("/{positionId}")
    @Operation(summary = "One position; open ones are marked at the latest price")
    public Response one(@PathParam("positionId") String positionId) {
        return downstreams.position(api -> api.position(positionId));
    }
}
