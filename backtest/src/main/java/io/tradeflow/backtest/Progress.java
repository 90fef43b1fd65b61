package io.tradeflow.backtest;

/** Told how far a run is, every {@value Backtest#PROGRESS_EVERY_KLINES} klines and once at the end; from the run's thread. */
@FunctionalInterface
public interface Progress {

    /** Nothing reported. */
    Progress NONE = (klines, fractionRead) -> {
    };

    /**
     * @param klines       klines processed so far
     * @param fractionRead share of the source read, 0 to 1 ({@link Klines.Pass#fractionRead()})
     */
    void at(long klines, double fractionRead);
}
