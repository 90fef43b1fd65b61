package io.tradeflow.indicator.domain;

import io.tradeflow.core.indicator.IndicatorSeries;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The series this instance holds in memory, by the Kafka partition their klines come from. A series lives only
 * while its partition is assigned here: once revoked, another instance may advance its checkpoint, so a later
 * reassignment must load it again rather than continue from a stale copy.
 *
 * <p>Not thread-safe on its own: the kline processor and the rebalance listener both lock this object, so a
 * revocation waits for the kline in progress to be published and checkpointed.
 */
public final class LiveSeries {
    private final Set<Integer> assigned = new HashSet<>();
    private final Map<SeriesKey, IndicatorSeries> series = new HashMap<>();
    private final Map<Integer, Set<SeriesKey>> byPartition = new HashMap<>();

    public void assigned(Collection<Integer> partitions) {
        assigned.addAll(partitions);
    }

    /** Forgets the partitions and every series loaded from them. */
    public void revoked(Collection<Integer> partitions) {
        for (Integer partition : partitions) {
            assigned.remove(partition);
            Set<SeriesKey> keys = byPartition.remove(partition);
            if (keys != null) {
                keys.forEach(series::remove);
            }
        }
    }

    public boolean isAssigned(int partition) {
        return assigned.contains(partition);
    }

    public Optional<IndicatorSeries> get(SeriesKey key) {
        return Optional.ofNullable(series.get(key));
    }

    public void put(int partition, SeriesKey key, IndicatorSeries loaded) {
        series.put(key, loaded);
        byPartition.computeIfAbsent(partition, p -> new HashSet<>()).add(key);
    }
}
