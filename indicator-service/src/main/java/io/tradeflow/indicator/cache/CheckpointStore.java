package io.tradeflow.indicator.cache;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.indicator.domain.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Redis {@code indicators:checkpoint:{SYMBOL}:{INTERVAL}}: the checkpoint JSON of a series after its newest
 * published snapshot, so a restarted service or another instance continues it exactly.
 */
@ApplicationScoped
public class CheckpointStore {
    private final ValueCommands<String, String> values;

    public CheckpointStore(RedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    public static String key(SeriesKey series) {
        return "indicators:checkpoint:" + series.symbol().value() + ":" + series.interval().code();
    }

    /** The checkpoint JSON, parsed by the caller so that an unreadable one can be handled there. */
    public Optional<String> load(SeriesKey series) {
        return Optional.ofNullable(values.get(key(series)));
    }

    public void save(SeriesKey series, IndicatorSeries.Checkpoint checkpoint) {
        values.set(key(series), checkpoint.toJson());
    }
}
