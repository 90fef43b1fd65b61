package io.tradeflow.execution.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.Topics;
import io.tradeflow.execution.binance.BinanceVenues;
import io.tradeflow.execution.domain.ExecutionEngine;
import io.tradeflow.execution.domain.SeriesMerge;
import io.tradeflow.execution.domain.StepResult;
import io.tradeflow.execution.metrics.ExecutionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one consumer of {@code market.klines.v1} and {@code signals.v1}: one channel over both topics, with the range
 * assignor, so one instance owns partition N of both and so every kline and signal of a symbol. Each record goes
 * into the {@link SeriesMerge}; every step that becomes ready runs through the {@link ExecutionEngine}, is stored
 * and its order events published ({@link Durable}), and only then are the records it used acknowledged (so
 * committed): a crash at any point makes Kafka deliver them again, and the stored progress makes that a no-op.
 *
 * <p>An unreadable record goes, unchanged, to {@code <topic>.dlq} and is acknowledged; the stream goes on.
 */
@ApplicationScoped
public class InputConsumer {
    private static final Logger LOG = Logger.getLogger(InputConsumer.class);

    private final ExecutionState state;
    private final Durable durable;
    private final ExecutionMetrics metrics;
    private final DeadLetters deadLetters;
    private final BinanceVenues binance;
    /** The Binance accounts took up their open orders before the first step (see BinanceVenues#awaitTakenUp). */
    private volatile boolean binanceTakenUp;

    public InputConsumer(ExecutionState state, Durable durable, ExecutionMetrics metrics, DeadLetters deadLetters,
                         BinanceVenues binance) {
        this.binance = binance;
        this.state = state;
        this.durable = durable;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    @Incoming("inputs")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        if (!binanceTakenUp) {
            binance.awaitTakenUp(Duration.ofSeconds(60));
            binanceTakenUp = true;
        }
        return state.exclusively(() -> process(message));
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<Void> process(Message<byte[]> message) {
        long receivedAt = System.currentTimeMillis();
        IncomingKafkaRecordMetadata<String, byte[]> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a record without Kafka metadata"));
        SeriesMerge merge = state.merge();
        try {
            Event event = decode(record);
            switch (event) {
                case KlineClosed kline -> merge.kline(kline, message);
                case SignalGenerated signal -> merge.signal(signal, receivedAt, message);
                case SignalWatermark watermark -> merge.watermark(watermark, message);
                default -> throw new IllegalArgumentException("a " + event.eventType() + " does not belong on " + record.getTopic());
            }
        } catch (RuntimeException e) {
            deadLetters.send(record.getTopic(), record.getPartition(), record.getOffset(), record.getKey(),
                    record.getRecord().value(), e.getMessage());
            return message.ack();
        }
        for (SeriesMerge.Step step : merge.ready()) {
            run(step);
            merge.done(step);
        }
        merge.drainReleasable().forEach(handle -> ((Message<?>) handle).ack());
        state.measured();
        return CompletableFuture.completedFuture(null);
    }

    private void run(SeriesMerge.Step step) {
        StepResult result = state.engine().process(step);
        result.signals().forEach(outcome -> {
            metrics.signal(outcome.outcome());
            LOG.infof("Signal %s %s: %s, %s", outcome.signal().signalId(), outcome.signal().action(),
                    outcome.outcome(), outcome.detail());
        });
        if (result.empty()) {
            return;
        }
        if (!durable.store(result)) {
            // A commit whose answer was lost and that was retried: what is stored is what this step computed.
            LOG.warnf("Step %s %s %d was already stored; not written again", step.series().symbol(),
                    step.series().interval().code(), step.openTime());
        }
        durable.publishOutbox();
        for (OrderUpdated order : result.orders()) {
            metrics.order(order);
            LOG.infof("Order %s %s %s %s %s %s%s", order.clientOrderId(), order.role(), order.side(), order.type(),
                    order.status(), order.quantity().toPlainString(),
                    order.averagePrice() == null ? "" : " at " + order.averagePrice().toPlainString());
        }
        if (step.kline() != null && !result.orders().isEmpty()) {
            metrics.klineToOrder(Duration.ofMillis(System.currentTimeMillis() - step.kline().producedAt()));
        }
    }

    private static Event decode(IncomingKafkaRecordMetadata<String, byte[]> record) {
        byte[] value = record.getRecord().value();
        if (value == null) {
            throw new IllegalArgumentException("record without a value at " + record.getTopic() + "-"
                    + record.getPartition() + " offset " + record.getOffset());
        }
        Event event = record.getTopic().equals(Topics.KLINES) ? EventCodec.decode(value, KlineClosed.class)
                : EventCodec.decodeAny(value);
        if (record.getKey() == null || !record.getKey().equals(event.key())) {
            throw new IllegalArgumentException("key '" + record.getKey() + "' is not the event's symbol " + event.key());
        }
        return event;
    }
}
