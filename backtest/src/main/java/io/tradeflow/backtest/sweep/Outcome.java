package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Summary;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One combination's result in a sweep.
 *
 * @param combination     the parameters
 * @param inSample        how its bot did on the in-sample klines (all of them without a split)
 * @param rank            its place by the ranking measure in sample, from 1
 * @param outOfSample     how it did on the out-of-sample klines: only for the top N, and only with a split
 * @param outOfSampleRank its place among the top N by the same measure out of sample, from 1 (ties by in-sample rank)
 */
public record Outcome(Combination combination, Summary inSample, int rank, Optional<Summary> outOfSample,
                      OptionalInt outOfSampleRank) {
    public Outcome {
        Objects.requireNonNull(combination, "combination");
        Objects.requireNonNull(inSample, "inSample");
        Objects.requireNonNull(outOfSample, "outOfSample");
        Objects.requireNonNull(outOfSampleRank, "outOfSampleRank");
    }
}
