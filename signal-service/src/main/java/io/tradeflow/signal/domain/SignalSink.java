package io.tradeflow.signal.domain;

import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;

/**
 * Where the records of {@code signals.v1} go. Both calls return only once the broker has acknowledged the record and
 * throw when it refused it, so whatever is published after a record lands after it on the partition of their key.
 */
public interface SignalSink {

    /** Publishes one bot's signal. */
    void publish(SignalGenerated signal);

    /** Publishes the watermark that closes a snapshot: every signal of its kline is already acknowledged. */
    void publish(SignalWatermark watermark);
}
