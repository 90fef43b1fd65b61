package io.tradeflow.signal.domain;

import io.tradeflow.core.event.SignalGenerated;

/** Where signals go. */
public interface SignalSink {

    /** Returns once the broker has acknowledged the signal; throws when it refused it. */
    void publish(SignalGenerated signal);
}
