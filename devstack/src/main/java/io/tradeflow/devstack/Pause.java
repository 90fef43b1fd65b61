package io.tradeflow.devstack;

import java.time.Duration;

/** A wait between two tries of something that is starting. */
final class Pause {
    private Pause() {
    }

    /**
     * Sleeps for {@code duration}.
     *
     * @throws DevStackException when interrupted (the interrupt flag is set again)
     */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("interrupted", e);
        }
    }
}
