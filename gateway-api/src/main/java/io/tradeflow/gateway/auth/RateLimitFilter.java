package io.tradeflow.gateway.auth;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.rest.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a caller's request beyond its rate with 429, {@code Retry-After} and a problem body. Anonymous requests
 * (and ones whose credentials fail, which the endpoint then answers 401) are not counted: they reach public paths only.
 */
public class RateLimitFilter {
    private final CurrentIdentityAssociation identity;
    private final RateLimiter limiter;

    public RateLimitFilter(CurrentIdentityAssociation identity, RateLimiter limiter) {
        this.identity = identity;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Uni<Response> limit() {
        return identity.getDeferredIdentity().onFailure().recoverWithNull().map(this::check);
    }

    private Response check(SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            return null;
        }
        return limiter.retryAfterSeconds(caller.getPrincipal().getName())
                .stream().mapToObj(seconds -> Response.fromResponse(Problems.problem(429, "Too many requests",
                        "more than the allowed requests per minute for this caller; retry in " + seconds + " s", null))
                        .header("Retry-After", seconds).build())
                .findFirst().orElse(null);
    }
}
