package io.tradeflow.gateway.market;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.gateway.rest.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

/**
 * Market data from the Redis cache market-data-service keeps ({@code CandleStore}): {@code candles:{SYMBOL}:{INTERVAL}}
 * is a list of {@code KlineClosed} events as JSON (the event codec's bytes), oldest first, newest last, trimmed to
 * {@code tradeflow.market-data.candles.keep} (500); {@code price:{SYMBOL}} the latest price as a plain decimal. (The
 * keys say "candles", as the original bot's did; everything else says kline.) Only series market-data-service
 * follows (some bot's symbol and interval) are there.
 */
@Path("/api/v1/market")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class MarketResource {
    private static final Logger LOG = Logger.getLogger(MarketResource.class);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ListCommands<String, String> lists;
    private final ValueCommands<String, String> values;

    public MarketResource(RedisDataSource redis) {
        this.lists = redis.list(String.class);
        this.values = redis.value(String.class);
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
        int n = limit(limit);
        String key = "candles:" + s.value() + ":" + i.code();
        List<String> newest = redis(() -> lists.lrange(key, -n, -1));
        if (newest.isEmpty()) {
            throw notFound("No klines of " + s.value() + " " + i.code() + " in Redis: market-data-service follows a "
                    + "series only while some bot trades it");
        }
        List<KlineView> klines = new ArrayList<>(newest.size());
        for (String json : newest) {
            try {
                klines.add(KlineView.of(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), KlineClosed.class)
                        .kline()));
            } catch (RuntimeException e) {
                // A cache entry no decoder reads is left out, not allowed to hide the rest of the series.
                LOG.warnf("Redis %s holds an unreadable kline, left out: %s", key, e.getMessage());
            }
        }
        return klines;
    }

    @GET
    @Path("/price/{symbol}")
    @Operation(summary = "The latest price of a symbol market-data-service follows")
    public PriceView price(@Parameter(description = "BTCUSDT (any case)") @PathParam("symbol") String symbol) {
        Symbol s = symbol(symbol);
        String value = redis(() -> values.get("price:" + s.value()));
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

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (!limit.matches("[0-9]{1,9}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw invalid("limit", "limit must be between 1 and " + MAX_LIMIT + ", was '" + limit + "'");
        }
        return Integer.parseInt(limit);
    }

    private static <T> T redis(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            // The cause goes to the log only, with any credentials of a Redis URL (redis://user:password@) masked.
            LOG.warnf("Redis did not answer: %s",
                    String.valueOf(e.getMessage()).replaceAll("//[^/@\\s]*@", "//***@"));
            throw new WebApplicationException(Problems.problem(503, "Service unavailable",
                    "Redis (quarkus.redis.hosts) did not answer; is the devstack running? The gateway log says why",
                    null));
        }
    }

    private static WebApplicationException invalid(String field, String detail) {
        return new WebApplicationException(Problems.problem(400, "Invalid request", detail, field));
    }

    private static WebApplicationException notFound(String detail) {
        return new WebApplicationException(Problems.problem(404, "Not found", detail, null));
    }
}
