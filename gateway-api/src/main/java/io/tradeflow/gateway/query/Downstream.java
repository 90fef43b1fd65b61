package io.tradeflow.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeflow.gateway.rest.Problems;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * One service behind the gateway and how its answers are passed on: a 2xx or 4xx as it came (status, media type,
 * body: position-service's 400 already names the field); a 5xx, no answer within the timeout, or no connection at
 * all as 503 problem+json naming the service and its URL, so the caller knows which part of the platform to look at.
 */
record Downstream<T>(String name, URI url, T api, Duration timeout) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Response forward(Function<T, Response> call) {
        Response answer;
        try {
            answer = call.apply(api);
        } catch (ProcessingException e) {
            return unavailable(reason(e));
        }
        try (answer) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : null;
            if (answer.getStatus() >= 500) {
                return unavailable("it answered " + answer.getStatus() + detail(body));
            }
            Response.ResponseBuilder out = Response.status(answer.getStatus());
            if (body != null) {
                MediaType type = answer.getMediaType();
                out.entity(body).type(type == null ? MediaType.APPLICATION_JSON_TYPE : type);
            }
            return out.build();
        }
    }

    private Response unavailable(String why) {
        return Problems.problem(503, "Service unavailable", name + " is unavailable at " + url + ": " + why, null);
    }

    private String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused; is it running?";
            }
            if (cause.getClass().getSimpleName().contains("Timeout")) {
                return "no answer within " + timeout.toMillis() + " ms (tradeflow.gateway.query.timeout)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The problem detail of a 5xx body, when it has one: " (Bot x was not resumed: ...)". */
    private static String detail(String body) {
        try {
            JsonNode detail = body == null ? null : JSON.readTree(body).get("detail");
            return detail == null || !detail.isTextual() ? "" : " (" + detail.asText() + ")";
        } catch (java.io.IOException | RuntimeException notJson) {
            return "";
        }
    }
}
