package io.tradeflow.benchmarks.execution;

import io.tradeflow.benchmarks.WorkerWaits;
import io.tradeflow.benchmarks.WorkerWaits.Rule;

import java.util.List;

/**
 * Where execution-service's input processing spent a time window, from a JFR recording made by
 * {@code scripts/execution-benchmark.sh} with {@code JFR=true} (see {@link WorkerWaits}): parks while
 * {@code OrderPublisher.send} waits for Kafka's acknowledgement, PostgreSQL round trips by {@code ExecutionStore}
 * method, idle workers and CPU samples.
 *
 * <pre>java -cp benchmarks.jar io.tradeflow.benchmarks.execution.ExecutionWaits RECORDING FROM_MS TO_MS</pre>
 */
public final class ExecutionWaits {
    private static final WorkerWaits WAITS = new WorkerWaits(
            List.of(new Rule("OrderPublisher.send", "OrderPublisher.send waits for orders.v1 acknowledgements")),
            List.of(new Rule("ExecutionStore.commit", "ExecutionStore.commit"),
                    new Rule("ExecutionStore.outbox", "ExecutionStore.outbox"),
                    new Rule("ExecutionStore.published", "ExecutionStore.published")));

    private ExecutionWaits() {
    }

    public static void main(String[] args) {
        WAITS.main("ExecutionWaits", args);
    }
}
