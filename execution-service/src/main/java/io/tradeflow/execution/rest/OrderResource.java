package io.tradeflow.execution.rest;

import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.execution.persistence.StoreException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The orders, for gateway-api (internal; not the public API): each order in its latest state, denied ones
 * included, newest first, filtered and paged. A bad parameter is a 400 problem naming it. Parameters are read as
 * strings so that a word where a number belongs is that 400, not JAX-RS's 404.
 */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final OrderQuery query;

    public OrderResource(DataSource dataSource) {
        this.query = new OrderQuery(dataSource);
    }

    @GET
    public OrderQuery.Page list(@QueryParam("botId") String botId, @QueryParam("symbol") String symbol,
                                @QueryParam("status") String status, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("limit") String limit,
                                @QueryParam("offset") String offset) {
        Long fromTime = number("from", from, 0, Long.MAX_VALUE);
        Long toTime = number("to", to, 0, Long.MAX_VALUE);
        if (fromTime != null && toTime != null && fromTime > toTime) {
            throw invalid("to", "to (" + toTime + ") is before from (" + fromTime + ")");
        }
        Long size = number("limit", limit, 1, MAX_LIMIT);
        Long skip = number("offset", offset, 0, Long.MAX_VALUE);
        OrderQuery.Filter filter = new OrderQuery.Filter(botId, symbol(symbol), status(status), fromTime, toTime);
        try {
            return query.find(filter, size == null ? DEFAULT_LIMIT : size.intValue(), skip == null ? 0 : skip);
        } catch (StoreException e) {
            throw new WebApplicationException(problem(503, "Unavailable", e.getMessage(), null));
        }
    }

    private static String symbol(String symbol) {
        try {
            return symbol == null ? null : Symbol.of(symbol).value();
        } catch (IllegalArgumentException e) {
            throw invalid("symbol", e.getMessage());
        }
    }

    private static String status(String status) {
        try {
            return status == null ? null : OrderStatus.valueOf(status.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw invalid("status", "status must be one of NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED,"
                    + " DENIED; was '" + status + "'");
        }
    }

    /** A whole number in {@code min..max}, or null when absent. */
    private static Long number(String name, String value, long min, long max) {
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw invalid(name, name + " must be a whole number from " + min + (max == Long.MAX_VALUE ? " on"
                : " to " + max) + ", was '" + value + "'");
    }

    private static WebApplicationException invalid(String field, String detail) {
        return new WebApplicationException(problem(400, "Invalid request", detail, field));
    }

    private static Response problem(int status, String title, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
