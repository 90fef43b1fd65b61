package io.tradeflow.gateway.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Every bot's statistics together, from position-service ({@code GET /api/v1/statistics}). */
@Path("/api/v1/statistics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class StatisticsQueryResource {
    private final Downstreams downstreams;

    public StatisticsQueryResource(Downstreams downstreams) {
        this.downstreams = downstreams;
    }

    @GET
    @Operation(summary = "Statistics over every bot's closed positions, one entry per margin asset")
    public Response overall() {
        return downstreams.position(PositionApi::statistics);
    }
}
