package io.tradeflow.benchmarks.position;

import io.tradeflow.benchmarks.WorkerWaits;
import io.tradeflow.benchmarks.WorkerWaits.Rule;

import java.util.List;

/**
 * Where position-service's input processing spent a time window, from a JFR recording made by
 * {@code scripts/position-benchmark.sh} with {@code JFR=true} (see {@link WorkerWaits}): parks while
 * {@code PositionPublisher.publish} waits for Kafka's acknowledgement, PostgreSQL round trips of the booking
 * transaction ({@code Ledger.record}, with its commit in the transaction interceptor) and of the two reads that
 * refresh the gauges after it ({@code OrderConsumer.refreshGauges}), idle workers and CPU samples.
 *
 * <pre>java -cp benchmarks.jar io.tradeflow.benchmarks.position.PositionWaits RECORDING FROM_MS TO_MS</pre>
 */
public final class PositionWaits {
    // refreshGauges first: its reads run through Ledger too.
    private static final WorkerWaits WAITS = new WorkerWaits(
            List.of(new Rule("PositionPublisher.publish", "PositionPublisher.publish waits for positions.v1 acknowledgements")),
            List.of(new Rule("OrderConsumer.refreshGauges", "OrderConsumer.refreshGauges (Ledger.openPositions, netPnl)"),
                    new Rule("ledger.Ledger", "Ledger.record (the booking transaction)")));

    private PositionWaits() {
    }

    public static void main(String[] args) {
        WAITS.main("PositionWaits", args);
    }
}
