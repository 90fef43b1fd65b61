package io.tradeflow.signal.domain;

import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;

/**
 * Where the records of {@code signals.v1} go, in the order published: what is published after a record lands after
 * it on the partition of their key. In signal-service they go into the snapshot's Kafka transaction.
 */
public interface SignalSink {

    /** Publishes one bot's signal. */
    void publish(SignalGenerated signal);

    /** Publishes the watermark that closes a snapshot: every signal of its kline was published before it. */
    void publish(SignalWatermark watermark);
}
