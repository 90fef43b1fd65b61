package io.tradeflow.service.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CaughtUpTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long FRESH = NOW - 5;
    private static final long OLD = NOW - CaughtUp.WITHIN_MS;

    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();
    private final PollBatch interceptor = new PollBatch();

    @AfterEach
    void forgetThisThreadsPoll() {
        interceptor.onConsume(ConsumerRecords.empty());
    }

    @Test
    void aBurstOfFreshRecordsCommitsOnceAfterTheLastOfItsPoll() {
        poll(5);
        List<Boolean> committedAfter = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            take(FRESH);
            committedAfter.add(context.committed());
        }
        assertThat(committedAfter).containsExactly(false, false, false, false, true);
    }

    @Test
    void oneFreshRecordAnywhereInThePollCommitsAfterItsLast() {
        poll(3);
        take(FRESH);
        take(OLD);
        assertThat(context.committed()).isFalse();
        take(OLD);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void aBacklogLeavesTheCommitToTheInterval() {
        poll(3);
        take(OLD);
        take(OLD);
        take(OLD);
        assertThat(context.committed()).as("a backlog commits every commit.interval.ms").isFalse();
    }

    @Test
    void withoutTheInterceptorEveryFreshRecordCommitsAsBefore() {
        take(FRESH);
        assertThat(context.committed()).isTrue();
        context.resetCommit();
        take(OLD);
        assertThat(context.committed()).isFalse();
        take(FRESH);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void aPollCountsAfreshWhenTheLastOnesRecordsNeverReachedAProcessor() {
        poll(3);
        take(FRESH);
        take(FRESH);
        assertThat(context.committed()).as("a record of a task closed after an error never comes").isFalse();

        poll(2);
        take(FRESH);
        take(FRESH);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void recordsLeftFromAnEarlierPollCommitEachWhenFreshAndTheCountStaysAtZero() {
        poll(1);
        take(FRESH);
        assertThat(context.committed()).isTrue();
        context.resetCommit();

        take(FRESH);
        assertThat(context.committed()).as("more taken than the poll handed out").isTrue();
        assertThat(PollBatch.current().untaken).isZero();
    }

    @Test
    void anEarlierPollsFreshRecordDoesNotMakeABacklogPollCommit() {
        poll(3);
        take(FRESH);
        poll(2);
        take(OLD);
        take(OLD);
        assertThat(context.committed()).isFalse();
    }

    @Test
    void theInterceptorHandsOnThePollsRecordsAsTheyAreAndCountsThePoll() {
        ConsumerRecords<byte[], byte[]> records = records(2);
        long before = PollBatch.polls();

        assertThat(interceptor.onConsume(records)).isSameAs(records);
        assertThat(PollBatch.polls()).isEqualTo(before + 1);
    }

    @Test
    void eachStreamThreadCountsItsOwnPoll() throws InterruptedException {
        poll(2);
        Thread other = new Thread(() -> new PollBatch().onConsume(records(7)));
        other.start();
        other.join();

        take(FRESH);
        take(FRESH);
        assertThat(context.committed()).as("this thread's poll of 2 is done").isTrue();
    }

    private void poll(int records) {
        interceptor.onConsume(records(records));
    }

    private static ConsumerRecords<byte[], byte[]> records(int records) {
        TopicPartition partition = new TopicPartition("market.klines.v1", 0);
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            list.add(new ConsumerRecord<>(partition.topic(), 0, i, new byte[0], new byte[0]));
        }
        return new ConsumerRecords<>(Map.of(partition, list), Map.of());
    }

    private void take(long timestamp) {
        CaughtUp.commitIfCaughtUp(context, new Record<>("BTCUSDT", "kline", timestamp), NOW);
    }
}
