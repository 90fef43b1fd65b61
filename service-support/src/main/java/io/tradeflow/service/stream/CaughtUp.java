package io.tradeflow.service.stream;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * When a stage commits: Kafka Streams commits every {@code commit.interval.ms}, which batches a backlog into large
 * transactions. A record that reaches the processor within {@value #WITHIN_MS} ms of being written finds the stage
 * caught up: then the stage asks for a commit once it has processed the last record of the stream thread's latest
 * poll (see {@link PollBatch}), so that the whole burst becomes visible to {@code read_committed} readers in one
 * transaction now rather than at the next interval, or in one transaction per processing round.
 */
public final class CaughtUp {
    /** How fresh a record must be, in ms since its timestamp, for the stage to count as caught up. */
    public static final long WITHIN_MS = 100;

    private CaughtUp() {
    }

    /**
     * To be called once for every record the processor takes, whatever became of it (output, dead letter, duplicate):
     * asks {@code context} for a commit when {@code record} is the last of its poll and it or an earlier record of the
     * poll was written less than {@value #WITHIN_MS} ms before {@code nowMs}.
     */
    public static void commitIfCaughtUp(ProcessorContext<?, ?> context, Record<?, ?> record, long nowMs) {
        PollBatch.Counts counts = PollBatch.current();
        if (nowMs - record.timestamp() < WITHIN_MS) {
            counts.freshTaken = true;
        }
        if (counts.untaken > 0) {
            counts.untaken--;
        }
        if (counts.untaken == 0 && counts.freshTaken) {
            counts.freshTaken = false;
            context.commit();
        }
    }
}
