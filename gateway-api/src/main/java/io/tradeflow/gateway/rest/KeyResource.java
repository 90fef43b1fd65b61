package io.tradeflow.gateway.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tradeflow.gateway.auth.ApiKeys;
import io.tradeflow.gateway.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** API keys, for admins: create (the key is in the 201 body, once), list (no secrets), revoke. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class KeyResource {
    /** A request for a key: a name to recognise it by and its role (viewer, trader, admin). */
    public record KeyRequest(String name, String role) {
    }

    private final ApiKeys keys;
    private final SecurityIdentity caller;

    public KeyResource(ApiKeys keys, SecurityIdentity caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an API key; the key is in this response only, store it now")
    public Response create(KeyRequest request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            return Problems.problem(400, "Invalid key request", "field 'name' is required (1 to 100 characters)",
                    "name");
        }
        Role role;
        try {
            role = Role.of(request.role() == null ? "viewer" : request.role());
        } catch (IllegalArgumentException e) {
            return Problems.problem(400, "Invalid key request", e.getMessage(), "role");
        }
        ApiKeys.NewKey key = keys.create(request.name().strip(), role, caller.getPrincipal().getName());
        return Response.created(URI.create("/api/v1/keys/" + key.info().keyId())).entity(key).build();
    }

    @GET
    @Operation(summary = "Every API key (without the keys themselves)")
    public List<ApiKeys.KeyInfo> list() {
        return keys.all();
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key: it authenticates nobody from now on")
    public Response revoke(@PathParam("keyId") String keyId) {
        return keys.revoke(keyId) ? Response.noContent().build()
                : Problems.problem(404, "Not found", "No API key " + keyId, null);
    }
}
