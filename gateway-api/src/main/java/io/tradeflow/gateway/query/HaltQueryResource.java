package io.tradeflow.gateway.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The bots whose kill switch has tripped, from execution-service ({@code GET /api/v1/halts}); see {@link Downstream}. */
@Path("/api/v1/halts")
@Produces(MediaType.APPLICATION_JSON)
public class HaltQueryResource {
    private final Downstreams downstreams;

    public HaltQueryResource(Downstreams downstreams) {
        this.downstreams = downstreams;
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "Every halted bot: [{botId, reason, detail, haltedAt}], by bot id; empty when none is halted")
    public Response list() {
        return downstreams.execution(ExecutionApi::halts);
    }
}
