package io.tradeflow.marketdata.replay;

import java.util.function.LongSupplier;

/**
 * Holds a replay to its speed: the row opening {@code d} recorded ms after the first one is due {@code d / factor}
 * wall ms after the start. Each row is scheduled from the start rather than from the previous row, so time spent
 * publishing (or waiting for Kafka) does not add up into drift.
 */
final class Pacer {
    /** Waits up to the given time; may return early when the replay is being stopped. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final ReplaySpeed speed;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long firstOpenTime;
    private long startNanos;
    private boolean started;

    Pacer(ReplaySpeed speed, LongSupplier nanoClock, Sleeper sleeper) {
        this.speed = speed;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Returns when the row opening at {@code openTime} is due. */
    void awaitTurn(long openTime) throws InterruptedException {
        if (speed.isMax()) {
            return;
        }
        if (!started) {
            started = true;
            firstOpenTime = openTime;
            startNanos = nanoClock.getAsLong();
            return;
        }
        long dueNanos = startNanos + (long) ((openTime - firstOpenTime) * 1_000_000.0 / speed.factor());
        long wait = dueNanos - nanoClock.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
