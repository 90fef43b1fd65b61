package io.tradeflow.gateway.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Orders, from execution-service ({@code GET /api/v1/orders}, its README "Orders over REST"). */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class OrderQueryResource {
    private final Downstreams downstreams;

    public OrderQueryResource(Downstreams downstreams) {
        this.downstreams = downstreams;
    }

    @GET
    @Operation(summary = "Orders (denied ones too) in their latest state, newest first: {limit, offset, total, items}")
    public Response list(@QueryParam("botId") String botId, @QueryParam("symbol") String symbol,
            @Parameter(description = "NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED or DENIED")
            @QueryParam("status") String status,
            @Parameter(description = "latest state at or after, epoch ms") @QueryParam("from") String from,
            @Parameter(description = "latest state at or before, epoch ms") @QueryParam("to") String to,
            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit,
            @Parameter(description = "orders to skip, default 0") @QueryParam("offset") String offset) {
        return downstreams.execution(api -> api.orders(botId, symbol, status, Params.whole("from", from),
                Params.whole("to", to), Params.whole("limit", limit), Params.whole("offset", offset)));
    }
}
