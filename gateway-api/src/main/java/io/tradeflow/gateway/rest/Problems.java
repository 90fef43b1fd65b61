package io.tradeflow.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tradeflow.gateway.bots.Bots;
import io.tradeflow.gateway.bots.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as RFC 9457 problem details ({@code application/problem+json}); a bad request names its field. */
public class Problems {
    public static final String TYPE = "application/problem+json";

    @ServerExceptionMapper
    public Response fieldError(FieldError e) {
        return problem(400, "Invalid bot", e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response notFound(Bots.NotFound e) {
        return problem(404, "Not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(Bots.Conflict e) {
        return problem(409, "Conflict", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return problem(400, "Unreadable body", e.getOriginalMessage(), null);
    }

    public static Response problem(int status, String title, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).type(TYPE).entity(body).build();
    }
}
