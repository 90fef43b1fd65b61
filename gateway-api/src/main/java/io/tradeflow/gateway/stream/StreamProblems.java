package io.tradeflow.gateway.stream;

import io.tradeflow.gateway.rest.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@link StreamRefused} as RFC 9457 problem+json; a 503 says when to try again. */
public class StreamProblems {
    /** Seconds a refused client should wait: long enough for another stream to end, short for a person. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response refused(StreamRefused e) {
        Response problem = Problems.problem(e.status, e.title, e.getMessage(), e.field);
        return e.status == 503 ? Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build()
                : problem;
    }
}
