package io.tradeflow.signal.stream;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.messaging.BotRecord;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.service.stream.DeadLetters;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * {@code bots.v1} as a global table, on every instance: the store {@value #STORE} holds each bot's latest record and
 * {@link BotRegistry} the running ones. Kafka Streams reads the whole topic into the store before any snapshot is
 * processed, then keeps it up to date through {@link #process}; the bulk read at start bypasses the processor, so
 * each snapshot task calls {@link #reload} when it starts.
 *
 * <p>An unreadable record that arrives while the service runs goes, unchanged, to {@code bots.v1.dlq} (a global
 * processor cannot forward, so through a producer of its own, outside the transaction); one read in the bulk load
 * at start is logged and skipped: it was dead-lettered when it arrived.
 */
final class BotTable implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = Logger.getLogger(BotTable.class);
    static final String STORE = "bots";

    private final BotRegistry registry;
    private final SignalMetrics metrics;
    private final Emitter<byte[]> deadLetters;
    private KeyValueStore<String, byte[]> store;
    private ProcessorContext<Void, Void> context;

    BotTable(BotRegistry registry, SignalMetrics metrics, Emitter<byte[]> deadLetters) {
        this.registry = registry;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            deadLetter(record, "record without a key (bots.v1 is keyed by bot id)");
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
                deadLetter(record, unreadable);
            }
        }
    }

    /**
     * Brings the registry up to every bot in {@code bots}; quietly, since each task does it at its start: a refused
     * or unreadable bot was logged and counted when its record arrived.
     */
    static void reload(BotRegistry registry, SignalMetrics metrics, KeyValueStore<String, byte[]> bots) {
        synchronized (registry) {
            try (KeyValueIterator<String, byte[]> all = bots.all()) {
                all.forEachRemaining(bot -> {
                    String unreadable = apply(registry, metrics, bot.key, bot.value, false);
                    if (unreadable != null) {
                        LOG.debugf("Unreadable bot record %s skipped: %s", bot.key, unreadable);
                    }
                });
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

    private void deadLetter(Record<String, byte[]> record, String reason) {
        metrics.botDeadLettered();
        var headers = new RecordHeaders();
        headers.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(origin -> {
            headers.add(DeadLetters.TOPIC, origin.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetters.PARTITION, Integer.toString(origin.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetters.OFFSET, Long.toString(origin.offset()).getBytes(StandardCharsets.UTF_8));
            LOG.errorf("Unreadable record at %s-%d offset %d sent to %s: %s", origin.topic(), origin.partition(),
                    origin.offset(), Topics.dlq(Topics.BOTS), reason);
        });
        deadLetters.send(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
    }
}
