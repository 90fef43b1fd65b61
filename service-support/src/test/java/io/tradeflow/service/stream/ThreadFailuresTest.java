package io.tradeflow.service.stream;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadFailuresTest {
    private static final StreamsException REFUSED = new StreamsException("Error encountered sending record",
            new StreamsException("wrapped", new RecordTooLargeException("The request included a message larger than the max message size the server will accept.")));

    @Test
    void threeFailuresInARowWithoutACommitAreStuckNamingTheRootCause() {
        ThreadFailures failures = new ThreadFailures();
        failures.failed(REFUSED, 40);
        failures.failed(REFUSED, 40);
        assertThat(failures.stuck(40)).as("two failures may be bad luck").isEmpty();

        failures.failed(REFUSED, 40);

        assertThat(failures.stuck(40)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("the stream thread failed 3 times in a row without committing, last with: "
                        + "RecordTooLargeException: The request included a message larger than the max message size")
                .contains("nothing is lost"));
    }

    @Test
    void aCommitAfterTheLastFailureEndsTheStreak() {
        ThreadFailures failures = new ThreadFailures();
        for (int i = 0; i < 4; i++) {
            failures.failed(REFUSED, 7);
        }
        assertThat(failures.stuck(7)).isPresent();

        assertThat(failures.stuck(8)).as("a replacement thread committed").isEmpty();
        failures.failed(REFUSED, 8);
        failures.failed(REFUSED, 8);
        assertThat(failures.stuck(8)).as("the count started again").isEmpty();
    }

    @Test
    void aFailureWithoutACauseOrMessageIsNamedByItsType() {
        ThreadFailures failures = new ThreadFailures();
        for (int i = 0; i < 3; i++) {
            failures.failed(new IllegalStateException(), 0);
        }
        assertThat(failures.stuck(0)).hasValueSatisfying(why -> assertThat(why).contains("last with: IllegalStateException;"));
    }
}
