package io.tradeflow.benchmarks.exactlyonce;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.time.Duration;
import java.util.Map;

/** One side of the spike: the indicator stage on one engine, one instance, started and stopped by the spike. */
interface Stage extends AutoCloseable {

    /** What a start restored before it was ready: state records read, and the time from the first to the last. */
    record Restored(long records, double seconds) {
    }

    void start();

    /**
     * Waits until the instance owns every input partition and has restored their state.
     *
     * @throws IllegalStateException when it is not ready within {@code timeout} or failed
     */
    void awaitReady(Duration timeout);

    /** The state this start read back before it was ready. */
    Restored restored();

    /** Klines that found their series had seen them already: 0 unless a kline was processed twice. */
    long duplicates();

    /**
     * Transactions committed so far, and the seconds the producer spent in {@code sendOffsetsToTransaction} and in
     * {@code commitTransaction} (which flushes the transaction's records and ends it), from its own metrics.
     */
    record Commits(long count, double sendOffsetsSeconds, double commitSeconds) {

        /** The producer's txn-send-offsets and txn-commit times in {@code metrics} (all producers' summed). */
        static Commits of(long count, Map<MetricName, ? extends Metric> metrics) {
            double offsets = 0;
            double commit = 0;
            for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
                if (metric.getKey().group().equals("producer-metrics")
                        && metric.getValue().metricValue() instanceof Double nanos) {
                    switch (metric.getKey().name()) {
                        case "txn-send-offsets-time-ns-total" -> offsets += nanos;
                        case "txn-commit-time-ns-total" -> commit += nanos;
                        default -> { }
                    }
                }
            }
            return new Commits(count, offsets / 1e9, commit / 1e9);
        }

        /** What happened since {@code earlier}. */
        Commits minus(Commits earlier) {
            return new Commits(count - earlier.count, sendOffsetsSeconds - earlier.sendOffsetsSeconds,
                    commitSeconds - earlier.commitSeconds);
        }
    }

    Commits commits();

    /** Why the instance stopped processing, or null while it works. */
    Throwable failure();

    /** Stops cleanly: the last transaction committed, the group left. */
    @Override
    void close();
}
