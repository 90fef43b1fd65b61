package io.tradeflow.gateway.market;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.gateway.rest.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads the Redis cache market-data-service keeps ({@code CandleStore}): {@code candles:{SYMBOL}:{INTERVAL}} is a
 * list of {@code KlineClosed} events as JSON (the event codec's bytes), oldest first, newest last, trimmed to
 * {@code tradeflow.market-data.candles.keep} (500); {@code price:{SYMBOL}} the latest price as a plain decimal. (The
 * keys say "candles", as the original bot's did; everything else says kline.) Only series market-data-service
 * follows (some bot's symbol and interval) are there. Failures are thrown as problem+json responses: 404 for a series
 * Redis has no klines of, 503 when Redis does not answer.
 */
@ApplicationScoped
public class KlineCache {
    private static final Logger LOG = Logger.getLogger(KlineCache.class);

    private final ListCommands<String, String> lists;
    private final ValueCommands<String, String> values;

    public KlineCache(RedisDataSource redis) {
        this.lists = redis.list(String.class);
        this.values = redis.value(String.class);
    }

    /**
     * The newest {@code newest} klines of the series (all of them for {@link Integer#MAX_VALUE}), oldest first. An
     * entry no decoder reads is left out (and logged), not allowed to hide the rest of the series.
     *
     * @throws WebApplicationException 404 when Redis holds no kline of the series, 503 when Redis does not answer
     */
    public List<KlineClosed> klines(Symbol symbol, Interval interval, int newest) {
        String key = "candles:" + symbol.value() + ":" + interval.code();
        // LRANGE clamps a start before the list's head to the head, so -MAX_VALUE reads the whole list.
        List<String> entries = redis(() -> lists.lrange(key, -(long) newest, -1));
        if (entries.isEmpty()) {
            throw new WebApplicationException(Problems.problem(404, "Not found", "No klines of " + symbol.value()
                    + " " + interval.code() + " in Redis yet: market-data-service writes those it publishes (live, the"
                    + " series of the running bots; in a replay, those of its files)", null));
        }
        List<KlineClosed> klines = new ArrayList<>(entries.size());
        for (String json : entries) {
            try {
                klines.add(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), KlineClosed.class));
            } catch (RuntimeException e) {
                LOG.warnf("Redis %s holds an unreadable kline, left out: %s", key, e.getMessage());
            }
        }
        return klines;
    }

    /**
     * The latest price of {@code symbol} as written, null when there is none.
     *
     * @throws WebApplicationException 503 when Redis does not answer
     */
    public String price(Symbol symbol) {
        return redis(() -> values.get("price:" + symbol.value()));
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
}
