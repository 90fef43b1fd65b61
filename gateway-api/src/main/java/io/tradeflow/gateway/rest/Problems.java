package io.tradeflow.gateway.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.tradeflow.gateway.bots.Bots;
import io.tradeflow.gateway.bots.FieldError;
import jakarta.ws.rs.WebApplicationException;
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
        // Where the parser was: a number too large for its field names that field, a syntax error where it broke.
        String field = e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null
                ? parser.getParsingContext().pathAsPointer().toString().replaceFirst("^/", "").replace('/', '.')
                : "";
        return problem(400, "Unreadable body", "not valid JSON: " + e.getOriginalMessage(),
                field.isEmpty() ? "body" : field);
    }

    /** A wrong type, an unknown field, a number out of range: names the field (mappers match the closest type). */
    @ServerExceptionMapper
    public Response unmappable(MismatchedInputException e) {
        return mapping(e);
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e) {
        return mapping(e);
    }

    /** JAX-RS's own refusals (405, 406, 415, 404 of an unknown path) in the same shape. */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        // The JSON reader wraps some parse errors (a number too large for its type) in a bare 400.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return mapping(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException parse) {
            return unreadable(parse);
        }
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        return problem(response.getStatus(), response.getStatusInfo().getReasonPhrase(), e.getMessage(), null);
    }

    private static Response mapping(JsonMappingException e) {
        String field = FieldError.fieldOf(e);
        return problem(400, "Invalid body", (field.isEmpty() ? "" : "field '" + field + "': ") + e.getOriginalMessage(),
                field.isEmpty() ? "body" : field);
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
