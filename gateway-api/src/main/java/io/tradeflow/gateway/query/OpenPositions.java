package io.tradeflow.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/** How many positions a bot holds open, asked of position-service: what a delete must know first. */
@ApplicationScoped
public class OpenPositions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Downstreams downstreams;

    public OpenPositions(Downstreams downstreams) {
        this.downstreams = downstreams;
    }

    /**
     * The number of open positions of {@code botId}.
     *
     * @throws WebApplicationException carrying position-service's problem (503 when it is down): without the answer a
     *                                 bot that may hold a position is not deleted
     */
    public long of(String botId) {
        Response answer = downstreams.position(api -> api.positions(botId, null, "open", null, null, "0", "1"));
        if (answer.getStatus() != 200) {
            throw new WebApplicationException(answer);
        }
        try {
            JsonNode total = JSON.readTree((String) answer.getEntity()).get("total");
            if (total == null || !total.canConvertToLong()) {
                throw new IOException("no 'total' in its page of positions");
            }
            return total.asLong();
        } catch (IOException e) {
            throw new WebApplicationException(io.tradeflow.gateway.rest.Problems.problem(503, "Service unavailable",
                    "position-service answered positions the gateway cannot read: " + e.getMessage(), null));
        }
    }
}
