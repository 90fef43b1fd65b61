package io.tradeflow.service.stream;

import io.tradeflow.core.codec.BotRecord;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code bots.v1} as a global table, on every instance of a stage: the store {@value #STORE} holds each bot's latest
 * record, and the stage's {@link Bots} what it keeps of them. Kafka Streams reads the whole topic into the store
 * before the stage's own input is processed (4.1 replays it through {@link #process} at start) and keeps it up to
 * date; {@link #reload}, called at each task start, rebuilds the stage's view from the store whatever the engine does
 * with that bulk read. Store and view change under the view's {@link Bots#lock()}, so a reload never interleaves with a
 * live change and no reader sees the view half rebuilt.
 *
 * <p>An unreadable record is reported and then taken as its key's tombstone, alike live and after a restart (when the
 * store holds the same bytes): a bot whose latest record cannot be read does not run. It is not dead-lettered: every
 * instance reads the whole topic at every start and would dead-letter it again, outside any transaction;
 * market-data-service dead-letters it to {@code bots.v1.dlq}, once per start.
 */
public final class BotTable implements Processor<String, byte[], Void, Void> {
    public static final String STORE = "bots";

    /** What a stage keeps of the bots; called under its own lock. */
    public interface Bots {
        /** A reload begins: every bot of the store follows (a view that keeps bots by their latest state forgets them here). */
        void reloading();

        /**
         * A bot's latest definition, or null when it is deleted or its latest record is unreadable.
         *
         * @param live false during a reload, where what this says was already logged when the record arrived
         */
        void update(String botId, BotDefinition definition, boolean live);

        /** A record that is not a bot's (no key, bad JSON, a key that is not its bot id): count and log it. */
        void unreadable(String key, String reason);

        /**
         * What a change and a reload hold, so that nothing reads the view half rebuilt: the object the view's own
         * readers synchronize on (by default the view itself).
         */
        default Object lock() {
            return this;
        }
    }

    private final Bots bots;
    private KeyValueStore<String, byte[]> store;

    private BotTable(Bots bots) {
        this.bots = bots;
    }

    /**
     * Adds {@code bots.v1} as the global store {@value #STORE}, kept by a table feeding {@code bots}. The store needs
     * no changelog of its own: the compacted topic is its source.
     */
    public static void addTo(Topology topology, Bots bots) {
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                "bots", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.BOTS, "bot-table",
                () -> new BotTable(bots));
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            bots.unreadable(null, "record without a key (bots.v1 is keyed by bot id)");
            return;
        }
        synchronized (bots.lock()) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            apply(bots, record.key(), record.value(), true);
        }
    }

    /** Rebuilds {@code bots} from every record in {@code store}, the global store of a task's context. */
    public static void reload(Bots bots, KeyValueStore<String, byte[]> store) {
        synchronized (bots.lock()) {
            bots.reloading();
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                all.forEachRemaining(bot -> apply(bots, bot.key, bot.value, false));
            }
        }
    }

    private static void apply(Bots bots, String key, byte[] value, boolean live) {
        switch (BotRecord.read(key, value)) {
            case BotRecord.Unreadable unreadable -> {
                if (live) {
                    bots.unreadable(key, unreadable.reason());
                }
                bots.update(key, null, live);
            }
            case BotRecord.Deleted deleted -> bots.update(deleted.botId(), null, live);
            case BotRecord.Defined defined -> bots.update(key, defined.bot(), live);
        }
    }
}
