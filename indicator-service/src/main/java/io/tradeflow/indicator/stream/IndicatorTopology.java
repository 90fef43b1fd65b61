package io.tradeflow.indicator.stream;

import io.tradeflow.core.event.Topics;
import io.tradeflow.indicator.cache.SeriesLoader;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import io.tradeflow.service.stream.BotTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The service's Kafka Streams topology (started by {@code quarkus-kafka-streams}, {@code exactly_once_v2}):
 * <pre>
 *   bots.v1 ──► global store "bots" ──► IndicatorRequirements (every instance, whole topic)
 *   market.klines.v1 ──► KlineIndicators [store "series", changelogged] ──► indicators.v1
 *                                                                      └──► market.klines.v1.dlq (unreadable records)
 * </pre>
 * Keys are the symbol throughout, so a series lives on one partition and one task, in order.
 */
@ApplicationScoped
public class IndicatorTopology {
    static final String SNAPSHOTS = "snapshots";
    static final String DEAD_LETTERS = "dead-letters";
    private static final String KLINES = "klines";
    private static final String INDICATORS = "indicators";

    private final IndicatorRequirements requirements;
    private final SeriesLoader loader;
    private final Retrier retrier;
    private final IndicatorMetrics metrics;

    public IndicatorTopology(IndicatorRequirements requirements, SeriesLoader loader, Retrier retrier, IndicatorMetrics metrics) {
        this.requirements = requirements;
        this.loader = loader;
        this.retrier = retrier;
        this.metrics = metrics;
    }

    @Produces
    public Topology topology() {
        Topology topology = new Topology();
        BotIndicators bots = new BotIndicators(requirements, metrics);
        BotTable.addTo(topology, bots);
        topology.addSource(KLINES, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.KLINES);
        topology.addProcessor(INDICATORS, () -> new KlineIndicators(requirements, bots, loader, retrier, metrics), KLINES);
        // In memory: one small state per series, restored from its compacted changelog in well under a second.
        // Cached: the changelog gets a series' state once per commit, not once per kline.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(KlineIndicators.STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), INDICATORS);
        topology.addSink(SNAPSHOTS, Topics.INDICATORS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), INDICATORS);
        topology.addSink(DEAD_LETTERS, Topics.dlq(Topics.KLINES), Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                INDICATORS);
        return topology;
    }
}
