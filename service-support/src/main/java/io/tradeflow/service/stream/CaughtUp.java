package io.tradeflow.service.stream;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * When a stage commits: Kafka Streams commits every {@code commit.interval.ms}, which batches a backlog into large
 * transactions; a record that reaches the processor within {@value #WITHIN_MS} ms of being written finds the stage
 * caught up, and it asks for a commit at the end of this poll loop iteration instead, so its output is visible to
 * {@code read_committed} readers now rather than at the next interval.
 */
public final class CaughtUp {
    /** How fresh a record must be, in ms since its timestamp, for the stage to count as caught up. */
    public static final long WITHIN_MS = 100;

    private CaughtUp() {
    }

    /** Asks {@code context} for a commit when {@code record} was written less than {@value #WITHIN_MS} ms before {@code nowMs}. */
    public static void commitIfCaughtUp(ProcessorContext<?, ?> context, Record<?, ?> record, long nowMs) {
        if (nowMs - record.timestamp() < WITHIN_MS) {
            context.commit();
        }
    }
}
