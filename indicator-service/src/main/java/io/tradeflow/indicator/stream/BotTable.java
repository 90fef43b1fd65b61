package io.tradeflow.indicator.stream;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.codec.BotRecord;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.domain.SeriesKey;
import io.tradeflow.indicator.metrics.IndicatorMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * {@code bots.v1} as a global table, on every instance: the store {@value #STORE} holds each bot's latest record, and
 * {@link IndicatorRequirements} what each running bot's strategy reads. Kafka Streams reads the whole topic into the
 * store before any kline is processed (4.1 replays it through {@link #process} at start) and keeps it up to date;
 * {@link #reload}, called at each task start, rebuilds the requirements from the store whatever the engine does
 * with that bulk read. Store and requirements change under the requirements' lock, so a reload never interleaves
 * with a live change.
 *
 * <p>An unreadable record is counted and skipped, not dead-lettered: every instance reads the whole topic at every
 * start, so each would dead-letter the same record again (market-data-service already does, once per start).
 */
final class BotTable implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = Logger.getLogger(BotTable.class);
    static final String STORE = "bots";

    private final IndicatorRequirements requirements;
    private final IndicatorMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    BotTable(IndicatorRequirements requirements, IndicatorMetrics metrics) {
        this.requirements = requirements;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            metrics.botIgnored();
            LOG.warn("A bots.v1 record without a key ignored (bots.v1 is keyed by bot id)");
            return;
        }
        synchronized (requirements) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            if (!apply(requirements, record.key(), record.value(), true)) {
                metrics.botIgnored();
            }
        }
    }

    /**
     * Rebuilds the requirements from every bot in {@code bots}; quietly, since each task does it at its start: an
     * ignored bot was logged and counted when its record arrived.
     */
    static void reload(IndicatorRequirements requirements, KeyValueStore<String, byte[]> bots) {
        synchronized (requirements) {
            requirements.clearBots();
            try (KeyValueIterator<String, byte[]> all = bots.all()) {
                all.forEachRemaining(bot -> apply(requirements, bot.key, bot.value, false));
            }
        }
    }

    /** @return false for a record that is not a usable bot (logged) */
    private static boolean apply(IndicatorRequirements requirements, String key, byte[] value, boolean live) {
        BotDefinition bot;
        switch (BotRecord.read(key, value)) {
            case BotRecord.Unreadable unreadable -> {
                if (live) {
                    LOG.warnf("Unreadable bot record (key %s) ignored: %s", key, unreadable.reason());
                }
                return false;
            }
            case BotRecord.Deleted deleted -> {
                requirements.botGone(deleted.botId());
                return true;
            }
            case BotRecord.Defined defined -> bot = defined.bot();
        }
        if (bot.status() != BotStatus.RUNNING) {
            requirements.botGone(bot.botId());
            return true;
        }
        try {
            requirements.botRunning(bot.botId(), new SeriesKey(bot.symbol(), bot.interval()), BotStrategy.of(bot).indicators());
            return true;
        } catch (InvalidParameterException e) {
            // signal-service refuses the same bot, so computing for it would be wasted.
            requirements.botGone(bot.botId());
            if (live) {
                LOG.warnf("Bot %s ignored, its strategy cannot run: %s (%s)", bot.botId(), e.getMessage(), e.parameter());
            }
            return false;
        }
    }
}
