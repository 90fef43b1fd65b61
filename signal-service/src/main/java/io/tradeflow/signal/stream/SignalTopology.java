package io.tradeflow.signal.stream;

import io.tradeflow.core.event.Topics;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.metrics.SignalMetrics;
import io.tradeflow.service.stream.BotTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;

/**
 * The service's Kafka Streams topology (started by {@code quarkus-kafka-streams}, {@code exactly_once_v2}):
 * <pre>
 *   bots.v1 ──► global store "bots" ──► BotRegistry (every instance, whole topic)
 *   indicators.v1 ──► SnapshotSignals [store "bot-states", changelogged] ──► signals.v1 (signals, watermarks)
 *                                                                       └──► indicators.v1.dlq (unreadable records)
 * </pre>
 * Keys are the symbol throughout, so a pair's snapshots, its bots' states and their signals share one partition.
 */
@ApplicationScoped
public class SignalTopology {
    static final String SIGNALS = "signals";
    static final String DEAD_LETTERS = "dead-letters";
    private static final String SNAPSHOTS = "snapshots";

    private final BotRegistry registry;
    private final SignalMetrics metrics;

    public SignalTopology(BotRegistry registry, SignalMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Produces
    public Topology topology() {
        Topology topology = new Topology();
        RegisteredBots bots = new RegisteredBots(registry, metrics);
        BotTable.addTo(topology, bots);
        topology.addSource(SNAPSHOTS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.INDICATORS);
        topology.addProcessor("signals-of-bots", () -> new SnapshotSignals(registry, bots, metrics, Clock.systemUTC()), SNAPSHOTS);
        // In memory and cached: one small JSON state per bot, once per commit to the compacted changelog.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SnapshotSignals.STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled(), "signals-of-bots");
        topology.addSink(SIGNALS, Topics.SIGNALS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "signals-of-bots");
        topology.addSink(DEAD_LETTERS, Topics.dlq(Topics.INDICATORS), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), "signals-of-bots");
        return topology;
    }
}
