package io.tradeflow.backtest.sweep;

import java.util.List;
import java.util.Objects;

/**
 * What a sweep found.
 *
 * @param plan        what was run
 * @param split       the in-sample and out-of-sample parts
 * @param ranked      every combination that ran, best first in sample
 * @param overfitting the verdict on the best one ({@link Overfitting})
 */
public record SweepResult(Sweep.Plan plan, SampleSplit split, List<Outcome> ranked, Overfitting overfitting) {
    public SweepResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(split, "split");
        ranked = List.copyOf(ranked);
        Objects.requireNonNull(overfitting, "overfitting");
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("a sweep result needs at least one combination");
        }
    }

    /** The best combination in sample. */
    public Outcome best() {
        return ranked.getFirst();
    }

    /** The top N in sample (those also run out of sample when there is a split). */
    public List<Outcome> top() {
        return ranked.subList(0, Math.min(plan.top(), ranked.size()));
    }
}
