package io.tradeflow.position.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details ({@code application/problem+json}) for the REST API's errors. */
final class Problem {
    static final String TYPE = "application/problem+json";

    private Problem() {
    }

    /** 400 naming the query parameter at fault. */
    static WebApplicationException badRequest(String field, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Invalid request");
        body.put("status", 400);
        body.put("detail", detail);
        body.put("field", field);
        return new WebApplicationException(Response.status(400).type(TYPE).entity(body).build());
    }

    static WebApplicationException notFound(String detail) {
        return new WebApplicationException(Response.status(404).type(TYPE).entity(Map.of("type", "about:blank",
                "title", "Not found", "status", 404, "detail", detail)).build());
    }
}
