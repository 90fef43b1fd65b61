package io.tradeflow.marketdata.exchange;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void theCeilingDoublesPerFailureUpToTheMaximum() {
        var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(backoff.ceiling(0)).isEqualTo(1_000);
        assertThat(backoff.ceiling(1)).isEqualTo(2_000);
        assertThat(backoff.ceiling(5)).isEqualTo(32_000);
        assertThat(backoff.ceiling(6)).isEqualTo(60_000);
        assertThat(backoff.ceiling(70)).isEqualTo(60_000);
    }

    @Test
    void waitsAreDrawnBetweenTheMinimumAndTheCeilingAndResetAfterSuccess() {
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800));
        long longest = 0;
        for (int round = 0; round < 200; round++) {
            backoff.reset();
            for (int failure = 0; failure < 6; failure++) {
                long ceiling = backoff.ceiling(failure);
                long wait = backoff.next().toMillis();
                assertThat(wait).isBetween(100L, ceiling);
                longest = Math.max(longest, wait);
            }
        }
        // Jitter reaches past the first ceiling; the cap holds.
        assertThat(longest).isGreaterThan(400).isLessThanOrEqualTo(800);
        backoff.reset();
        assertThat(backoff.failures()).isZero();
        assertThat(backoff.next().toMillis()).isBetween(100L, 100L);
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
