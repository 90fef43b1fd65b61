package io.tradeflow.gateway.health;

import io.tradeflow.gateway.rest.Problems;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The whole platform's readiness in one answer, for people and scripts ({@code bin/tradeflow} waits on it): 200
 * {@code {"status":"UP","services":{...}}} when every service is ready, else 503 problem+json naming what is DOWN
 * and why. No authentication: it tells no more than each service's own {@code /q/health/ready}.
 *
 * <p>Deliberately NOT a readiness check of the gateway itself: its {@code /q/health/ready} must not depend on other
 * services, or Kubernetes would take the gateway out of service (and restart it, on a liveness check) for another
 * service's fault, and every API call, including the bots' lifecycle that needs none of them, would fail with it.
 */
@Path("/api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformHealthResource {
    private final ServiceReadiness readiness;

    public PlatformHealthResource(ServiceReadiness readiness) {
        this.readiness = readiness;
    }

    @GET
    @PermitAll
    @Operation(summary = "Every service's readiness; 503 naming what is down")
    public Response health() {
        Map<String, ServiceReadiness.Status> services = readiness.check();
        String down = services.entrySet().stream().filter(e -> !e.getValue().up())
                .map(e -> e.getKey() + " (" + e.getValue().reason() + ")").collect(Collectors.joining(", "));
        if (down.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "UP");
            body.put("services", services);
            return Response.ok(body).build();
        }
        Response problem = Problems.problem(503, "Service unavailable", "DOWN: " + down, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) problem.getEntity());
        body.put("services", services);
        return Response.fromResponse(problem).entity(body).build();
    }
}
