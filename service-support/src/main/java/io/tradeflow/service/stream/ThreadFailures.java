package io.tradeflow.service.stream;

import java.util.Optional;

/**
 * A stage's stream-thread failures in a row. A failed thread is replaced and its tasks redo their work from the last
 * commit ({@link StreamsLifecycle}), so a record that fails every time (one Kafka refuses, a step that keeps failing)
 * loses nothing but stops the stage: it fails again and again and never commits. Counted here until a commit after
 * the last failure shows progress, so that the stage's health can say it is stuck. Thread-safe.
 */
public final class ThreadFailures {
    /** Failures in a row, with no commit in between, from which a stage counts as stuck. */
    public static final int STUCK_AFTER = 3;

    private int inARow;
    private String lastError = "";
    private double commitsAtLastFailure;

    /**
     * A stream thread failed.
     *
     * @param error            what it failed with
     * @param commitsOfTheRest the commits made so far by the stage's other, still running threads (Kafka Streams'
     *                         {@code commit-total}): a commit beyond them later means progress
     */
    public synchronized void failed(Throwable error, double commitsOfTheRest) {
        inARow++;
        lastError = describe(error);
        commitsAtLastFailure = commitsOfTheRest;
    }

    /**
     * Why the stage is stuck: {@value #STUCK_AFTER} or more failures in a row and no commit since the last one; empty
     * otherwise. A commit since the last failure ends the streak when this sees it: the readiness check asks every few
     * seconds, so only a thread that commits and fails between two checks goes uncounted as progress.
     *
     * @param commits the commits made so far by the stage's running threads ({@code commit-total})
     */
    public synchronized Optional<String> stuck(double commits) {
        if (inARow > 0 && commits > commitsAtLastFailure) {
            inARow = 0;
        }
        if (inARow < STUCK_AFTER) {
            return Optional.empty();
        }
        return Optional.of("the stream thread failed " + inARow + " times in a row without committing, last with: "
                + lastError + "; nothing is lost (each attempt is aborted and redone from the last commit), but nothing "
                + "moves until the cause is fixed: see the ERROR log");
    }

    /** The innermost cause's type and message: Kafka Streams wraps the real error in a StreamsException or two. */
    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
