package io.tradeflow.gateway.market;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.gateway.rest.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

/**
 * Market data from the Redis cache market-data-service keeps, read through {@link KlineCache} (which says what is
 * where): only series market-data-service follows (some bot's symbol and interval) are there.
 */
@Path("/api/v1/market")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class MarketResource {
    private static final Logger LOG = Logger.getLogger(MarketResource.class);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final KlineCache cache;

    public MarketResource(KlineCache cache) {
        this.cache = cache;
    }

    /** The record of {@code GET /price/{symbol}}: the latest price, a plain decimal string. */
    public record PriceView(String symbol, String price) {
    }

    @GET
    @Path("/candles/{symbol}/{interval}")
    @Operation(summary = "The newest closed klines of a series, oldest first")
    public List<KlineView> klines(@Parameter(description = "BTCUSDT (any case)") @PathParam("symbol") String symbol,
            @Parameter(description = "Binance code, case-sensitive: 1m, 5m, 1h, 1d, 1M, ...")
            @PathParam("interval") String interval,
            @Parameter(description = "how many, 1 to 1000, default 100") @QueryParam("limit") String limit) {
        Symbol s = symbol(symbol);
        Interval i = interval(interval);
        int n = limit(limit, DEFAULT_LIMIT);
        return cache.klines(s, i, n).stream().map(k -> KlineView.of(k.kline())).toList();
    }

    @GET
    @Path("/price/{symbol}")
    @Operation(summary = "The latest price of a symbol market-data-service follows")
    public PriceView price(@Parameter(description = "BTCUSDT (any case)") @PathParam("symbol") String symbol) {
        Symbol s = symbol(symbol);
        String value = cache.price(s);
        try {
            if (value != null) {
                return new PriceView(s.value(), new BigDecimal(value.trim()).toPlainString());
            }
        } catch (NumberFormatException e) {
            LOG.warnf("Redis price:%s is not a decimal; reported as no price", s.value());
        }
        throw notFound("No price of " + s.value() + " in Redis: market-data-service writes one for the symbols it "
                + "follows");
    }

    private static Symbol symbol(String symbol) {
        try {
            return Symbol.of(symbol);
        } catch (IllegalArgumentException e) {
            throw invalid("symbol", e.getMessage());
        }
    }

    private static Interval interval(String code) {
        try {
            return Interval.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw invalid("interval", e.getMessage());
        }
    }

    /** The {@code limit} query parameter: 1 to {@value #MAX_LIMIT}, {@code defaultLimit} when absent. */
    static int limit(String limit, int defaultLimit) {
        if (limit == null) {
            return defaultLimit;
        }
        if (!limit.matches("[0-9]{1,9}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw invalid("limit", "limit must be between 1 and " + MAX_LIMIT + ", was '" + limit + "'");
        }
        return Integer.parseInt(limit);
    }

    private static WebApplicationException invalid(String field, String detail) {
        return new WebApplicationException(Problems.problem(400, "Invalid request", detail, field));
    }

    private static WebApplicationException notFound(String detail) {
        return new WebApplicationException(Problems.problem(404, "Not found", detail, null));
    }
}
