package io.tradeflow.gateway.rest;

import io.tradeflow.gateway.botsfile.BotsFileReloader;
import io.tradeflow.gateway.botsfile.BotsFileStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The bots file as the gateway last read it: per bot what was applied, and each error naming its field. */
@Path("/api/v1/config/status")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
    private final BotsFileReloader reloader;

    public ConfigResource(BotsFileReloader reloader) {
        this.reloader = reloader;
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "The bots file: when read and applied, a whole-file error, and per bot its outcome and errors")
    public BotsFileStatus status() {
        return reloader.status();
    }
}
