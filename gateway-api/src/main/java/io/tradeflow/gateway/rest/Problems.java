package io.tradeflow.gateway.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
        // Never Jackson's own message: it quotes the text it choked on, which may be a pasted secret.
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return problem(400, "Invalid body", "not valid JSON" + where + (field.isEmpty() ? "" : " (in '" + field
                + "')"), field.isEmpty() ? "body" : field);
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
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + field + "'; known here: " + unknown.getKnownPropertyIds();
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            detail = (field.isEmpty() ? "the body" : "field '" + field + "'") + " must be "
                    + jsonType(mismatch.getTargetType());
        } else {
            detail = (field.isEmpty() ? "the body" : "field '" + field + "'") + " cannot be read";
        }
        return problem(400, "Invalid body", detail, field.isEmpty() ? "body" : field);
    }

    /** The JSON a Java type is read from, in the words of the API (decimals are strings). */
    private static String jsonType(Class<?> type) {
        if (type == String.class) {
            return "a string (decimals too are strings)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of type " + type.getSimpleName();
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
