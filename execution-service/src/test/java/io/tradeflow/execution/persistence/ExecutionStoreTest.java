package io.tradeflow.execution.persistence;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.execution.domain.SeriesMerge;
import io.tradeflow.execution.domain.StepResult;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step stored twice (a commit whose answer was lost and that was retried, or a step another instance already
 * stored) writes nothing the second time: no second outbox row, so no duplicate order event.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ExecutionStoreTest {
    @Inject
    ExecutionStore store;

    @Test
    void aStepIsStoredOnce() {
        OrderUpdated order = GoldenEvents.event(OrderUpdated.class);
        SignalGenerated signal = GoldenEvents.event(SignalGenerated.class);
        SeriesMerge.Series series = new SeriesMerge.Series(Symbol.of("EXECSTOREUSDT"), Interval.ONE_MINUTE);
        SeriesMerge.Step step = new SeriesMerge.Step(series, signal.klineOpenTime(), null, List.of());
        StepResult result = new StepResult(step, List.of(order),
                List.of(new StepResult.SignalOutcome(signal, 1, Trader.Outcome.ENTERED, "test")), List.of(), List.of(), List.of());
        long before = outboxRowsOf(order.eventId());

        assertThat(store.commit(result)).isTrue();
        assertThat(store.commit(result)).as("already covered by the series' progress").isFalse();

        assertThat(outboxRowsOf(order.eventId()) - before).isEqualTo(1);
        assertThat(store.load().progress()).containsEntry(series, signal.klineOpenTime());
    }

    private long outboxRowsOf(String eventId) {
        return store.outbox(Integer.MAX_VALUE).stream().filter(row -> row.eventId().equals(eventId)).count();
    }
}
