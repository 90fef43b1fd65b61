package io.tradeflow.gateway.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tradeflow.gateway.rest.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem+json. The body says how to authenticate, never what was sent (a key or token is a secret
 * even when wrong: it may be a mistyped real one).
 */
public class SecurityProblems {
    private static final String HOW = "send an API key as header X-API-Key or a JWT as Authorization: Bearer <token>";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge("no credentials: " + HOW);
    }

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e) {
        return challenge("the API key or token is unknown, revoked, expired or malformed: " + HOW);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.problem(403, "Forbidden", "your role does not allow this: reading needs viewer, changing "
                + "bots needs trader, managing API keys needs admin", null);
    }

    private static Response challenge(String detail) {
        return Response.fromResponse(Problems.problem(401, "Unauthorized", detail, null))
                .header("WWW-Authenticate", ApiKeyMechanism.CHALLENGE).build();
    }
}
