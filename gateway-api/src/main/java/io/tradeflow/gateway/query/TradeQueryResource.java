package io.tradeflow.gateway.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeflow.gateway.rest.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The trade history (one row per fill), from position-service ({@code GET /api/v1/trades}): JSON as it comes, or
 * the same page as CSV ({@link TradesCsv}) when asked with {@code Accept: text/csv} or {@code ?format=csv}.
 */
@Path("/api/v1/trades")
@RolesAllowed("viewer")
public class TradeQueryResource {
    static final String CSV = "text/csv";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Downstreams downstreams;

    public TradeQueryResource(Downstreams downstreams) {
        this.downstreams = downstreams;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Fills, newest first: a page {page, size, total, items}, or that page as CSV")
    public Response list(@QueryParam("botId") String botId, @QueryParam("symbol") String symbol,
            @Parameter(description = "the fills of this position") @QueryParam("positionId") String positionId,
            @Parameter(description = "filled at or after, epoch ms") @QueryParam("from") String from,
            @Parameter(description = "filled at or before, epoch ms") @QueryParam("to") String to,
            @Parameter(description = "page index, from 0") @QueryParam("page") String page,
            @Parameter(description = "page size, default 50") @QueryParam("size") String size,
            @Parameter(description = "csv or json; else the Accept header decides") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        boolean csv = csv(format, headers.getAcceptableMediaTypes());
        Response answer = downstreams.position(api -> api.trades(botId, symbol, positionId, Params.whole("from", from),
                Params.whole("to", to), Params.whole("page", page), Params.whole("size", size)));
        if (!csv || answer.getStatus() != 200) {
            return answer;
        }
        try {
            return Response.ok(TradesCsv.of(JSON.readTree((String) answer.getEntity())), CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"trades.csv\"").build();
        } catch (IOException e) {
            return Problems.problem(503, "Service unavailable", "position-service answered trades that are not JSON: "
                    + e.getMessage(), null);
        }
    }

    private static boolean csv(String format, List<MediaType> accepted) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new WebApplicationException(Problems.problem(400, "Invalid request",
                        "format must be csv or json, was '" + format + "'", "format"));
            };
        }
        // The caller's most preferred type decides (JAX-RS sorts Accept by q, then by how specific it is).
        return !accepted.isEmpty() && "text".equalsIgnoreCase(accepted.getFirst().getType())
                && "csv".equalsIgnoreCase(accepted.getFirst().getSubtype());
    }
}
