package io.tradeflow.signal;

import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.signal.domain.SignalSink;

import java.util.ArrayList;
import java.util.List;

/** {@code signals.v1} as a list, for engine tests without Kafka: every published record, in publishing order. */
public final class InMemorySignalsTopic implements SignalSink {
    private final List<Event> records = new ArrayList<>();
    private final Runnable beforeWatermark;

    public InMemorySignalsTopic() {
        this(() -> { });
    }

    /** {@code beforeWatermark} runs when a watermark arrives, before it is recorded: to check what is durable then. */
    public InMemorySignalsTopic(Runnable beforeWatermark) {
        this.beforeWatermark = beforeWatermark;
    }

    @Override
    public void publish(SignalGenerated signal) {
        records.add(signal);
    }

    @Override
    public void publish(SignalWatermark watermark) {
        beforeWatermark.run();
        records.add(watermark);
    }

    public List<Event> records() {
        return List.copyOf(records);
    }

    public List<SignalGenerated> signals() {
        return records.stream().filter(SignalGenerated.class::isInstance).map(SignalGenerated.class::cast).toList();
    }

    public List<SignalWatermark> watermarks() {
        return records.stream().filter(SignalWatermark.class::isInstance).map(SignalWatermark.class::cast).toList();
    }
}
