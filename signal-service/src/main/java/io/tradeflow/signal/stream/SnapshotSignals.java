package io.tradeflow.signal.stream;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.service.stream.DeadLetters;
import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.domain.SignalEngine;
import io.tradeflow.signal.domain.SignalSink;
import io.tradeflow.signal.domain.StateStore;
import io.tradeflow.signal.domain.StoredState;
import io.tradeflow.signal.metrics.SignalMetrics;
import io.tradeflow.service.stream.BotTable;
import io.tradeflow.service.stream.CaughtUp;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.util.Optional;

/**
 * Runs the bots on each snapshot inside Kafka Streams' exactly-once transaction: the snapshot's offset, its
 * signals and watermark on {@code signals.v1}, and the bots' new states (store {@value #STORE}, changelogged) are
 * committed together or not at all, so after a crash a {@code read_committed} reader sees every signal once.
 *
 * <p>The domain's {@link SignalEngine} does the work with a task-local {@link StateStore} (the store's record cache:
 * one changelog record per bot per commit) and a {@link SignalSink} that forwards to the sink. A record that is not
 * a snapshot goes, unchanged, to {@code indicators.v1.dlq} in the same transaction.
 */
final class SnapshotSignals implements Processor<String, byte[], String, byte[]> {
    static final String STORE = "bot-states";

    private final BotRegistry registry;
    private final BotTable.Bots bots;
    private final SignalMetrics metrics;
    private final Clock clock;
    private ProcessorContext<String, byte[]> context;
    private SignalEngine engine;

    SnapshotSignals(BotRegistry registry, BotTable.Bots bots, SignalMetrics metrics, Clock clock) {
        this.registry = registry;
        this.bots = bots;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        KeyValueStore<String, String> states = context.getStateStore(STORE);
        // A new engine per task start: after an abort the store is rolled back and the bots' objects must follow it.
        engine = new SignalEngine(registry, new TaskStates(states), new Forwarded(), metrics, clock);
        BotTable.reload(bots, context.getStateStore(BotTable.STORE));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        handle(record);
        // Every record taken counts towards the poll's last one: a dead letter too.
        CaughtUp.commitIfCaughtUp(context, record, clock.millis());
    }

    private void handle(Record<String, byte[]> record) {
        IndicatorsComputed snapshot;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("indicators.v1 record without a value");
            }
            snapshot = EventCodec.decode(record.value(), IndicatorsComputed.class);
        } catch (RuntimeException e) {
            DeadLetters.forward(context, record, e, SignalTopology.DEAD_LETTERS);
            metrics.snapshotDeadLettered();
            return;
        }
        engine.process(snapshot);
    }

    /** A bot's state in this task's store. */
    private record TaskStates(KeyValueStore<String, String> store) implements StateStore {
        @Override
        public Optional<StoredState> load(String botId) {
            return Optional.ofNullable(store.get(botId)).map(StoredState::fromJson);
        }

        @Override
        public void save(String botId, StoredState state) {
            store.put(botId, state.toJson());
        }
    }

    /** Signals and watermarks to the sink, keyed by symbol, stamped with the moment they were made. */
    private final class Forwarded implements SignalSink {
        @Override
        public void publish(SignalGenerated signal) {
            forward(signal);
        }

        @Override
        public void publish(SignalWatermark watermark) {
            forward(watermark);
        }

        private void forward(Event event) {
            context.forward(new Record<>(event.key(), EventCodec.encode(event), clock.millis()), SignalTopology.SIGNALS);
        }
    }
}
