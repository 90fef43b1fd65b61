package io.tradeflow.signal.stream;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.codec.BotRecord;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * {@code bots.v1} as a global table, on every instance: the store {@value #STORE} holds each bot's latest record and
 * {@link BotRegistry} the running ones. Kafka Streams reads the whole topic into the store before any snapshot is
 * processed (4.1 replays it through {@link #process} at start) and keeps it up to date; {@link #reload}, called at
 * each task start, rebuilds the registry from the store whatever the engine does with that bulk read.
 *
 * <p>An unreadable record is logged and counted ({@code tradeflow.bots.unreadable}), not dead-lettered: every
 * instance reads the whole topic at every start and would dead-letter it again, outside any transaction;
 * market-data-service dead-letters it to {@code bots.v1.dlq}.
 */
final class BotTable implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = Logger.getLogger(BotTable.class);
    static final String STORE = "bots";

    private final BotRegistry registry;
    private final SignalMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    BotTable(BotRegistry registry, SignalMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            unreadable(null, "record without a key (bots.v1 is keyed by bot id)");
            return;
        }
        synchronized (registry) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            String unreadable = apply(registry, metrics, record.key(), record.value(), true);
            if (unreadable != null) {
                unreadable(record.key(), unreadable);
            }
        }
    }

    /**
     * Brings the registry up to every bot in {@code bots}; quietly, since each task does it at its start: a refused
     * or unreadable bot was logged and counted when its record was read.
     */
    static void reload(BotRegistry registry, SignalMetrics metrics, KeyValueStore<String, byte[]> bots) {
        synchronized (registry) {
            try (KeyValueIterator<String, byte[]> all = bots.all()) {
                all.forEachRemaining(bot -> apply(registry, metrics, bot.key, bot.value, false));
            }
        }
    }

    /** @return why the record is not a bot record, or null */
    private static String apply(BotRegistry registry, SignalMetrics metrics, String key, byte[] value, boolean live) {
        BotDefinition definition;
        switch (BotRecord.read(key, value)) {
            case BotRecord.Unreadable unreadable -> {
                return unreadable.reason();
            }
            case BotRecord.Deleted ignored -> definition = null;
            case BotRecord.Defined defined -> definition = defined.bot();
        }
        try {
            BotRegistry.Change change = registry.update(key, definition);
            if (change != BotRegistry.Change.UNCHANGED) {
                LOG.infof("Bot %s %s", key, change.name().toLowerCase());
            }
        } catch (InvalidParameterException e) {
            if (live) {
                metrics.botRejected(definition.strategy().type());
                LOG.errorf("Bot %s refused, it does not run: %s (parameter %s)", key, e.getMessage(), e.parameter());
            }
        }
        return null;
    }

    private void unreadable(String key, String reason) {
        metrics.botUnreadable();
        LOG.errorf("Unreadable bots.v1 record (key %s) ignored: %s", key, reason);
    }
}
