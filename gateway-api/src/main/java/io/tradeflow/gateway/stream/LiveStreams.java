package io.tradeflow.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.tradeflow.service.messaging.ClientSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Opens live streams: checks the cap, gives each stream a Kafka consumer assigned to its topics' partitions and
 * positioned where it starts (the client's last event, else {@code since}, else the end: live only), and counts what
 * is open and sent ({@code tradeflow.gateway.streams.open}, {@code tradeflow.gateway.stream.events.sent{type}}).
 */
@ApplicationScoped
public class LiveStreams {
    private final StreamConfig config;
    /** The Kafka client settings the channels use too (Quarkus' {@code kafka.*}: servers, TLS, SASL). */
    private final Map<String, Object> kafka;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final Set<StreamLoop> loops = ConcurrentHashMap.newKeySet();
    private final Map<String, Counter> sent = new HashMap<>();

    public LiveStreams(StreamConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        Gauge.builder("tradeflow.gateway.streams.open", open, AtomicInteger::get)
                .description("Live streams (SSE) open now").strongReference(true).register(registry);
        for (StreamType type : StreamType.values()) {
            String eventType = type.eventClass.getSimpleName();
            sent.put(eventType, Counter.builder("tradeflow.gateway.stream.events.sent").tag("type", eventType)
                    .description("Events sent on live streams").register(registry));
        }
    }

    /**
     * A stream of the events {@code filter} accepts, from where the client left off.
     *
     * @param resume per topic, the offsets by partition of the client's last event (empty: none), parsed from the
     *               parameter named {@code resumeField}
     * @param since  without a position for a topic: start at its first record written at or after this epoch ms
     * @throws StreamRefused 503 beyond {@link StreamConfig#maxStreams()} or when Kafka does not answer; 400 when the
     *                       position names partitions the topics do not have
     */
    public Multi<OutboundSseEvent> open(StreamFilter filter, Map<String, long[]> resume, String resumeField,
            OptionalLong since, Sse sse) {
        if (open.getAndUpdate(n -> n < config.maxStreams() ? n + 1 : n) >= config.maxStreams()) {
            throw StreamRefused.unavailable("the gateway serves " + config.maxStreams()
                    + " streams at most, all open; retry later", null);
        }
        KafkaConsumer<String, byte[]> consumer = null;
        try {
            String name = "gateway-stream-" + opened.incrementAndGet();
            consumer = new KafkaConsumer<>(properties(name), new StringDeserializer(), new ByteArrayDeserializer());
            StreamPosition start = start(consumer, filter, resume, resumeField, since);
            StreamLoop loop = new StreamLoop(name, consumer, filter, start, sse, config, sent, this::ended);
            loops.add(loop);
            loop.start();
            return loop.events();
        } catch (RuntimeException e) {
            if (consumer != null) {
                consumer.close(Duration.ZERO);
            }
            open.decrementAndGet();
            if (e instanceof KafkaException) {
                throw StreamRefused.unavailable("Kafka did not answer: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private void ended(StreamLoop loop) {
        loops.remove(loop);
        open.decrementAndGet();
    }

    /** At shutdown: every stream ends (its client sees the response end and reconnects elsewhere). */
    @PreDestroy
    void closeAll() {
        loops.forEach(StreamLoop::stop);
    }

    private StreamPosition start(KafkaConsumer<String, byte[]> consumer, StreamFilter filter,
            Map<String, long[]> resume, String resumeField, OptionalLong since) {
        Map<String, long[]> next = new LinkedHashMap<>();
        List<TopicPartition> assigned = new ArrayList<>();
        for (StreamType type : StreamType.values()) {
            if (!filter.types().contains(type)) {
                continue; // a position the client sends for a topic it no longer asks for is ignored
            }
            List<TopicPartition> partitions = consumer.partitionsFor(type.topic, config.kafkaTimeout()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            if (partitions.isEmpty()) {
                throw StreamRefused.unavailable("topic " + type.topic + " does not exist on Kafka", null);
            }
            long[] named = resume.get(type.topic);
            if (named != null && named.length > partitions.size()) {
                throw StreamRefused.invalid(resumeField, "names " + named.length + " partitions of " + type.topic
                        + ", which has " + partitions.size());
            }
            next.put(type.topic, offsets(consumer, partitions, named, since));
            assigned.addAll(partitions);
        }
        consumer.assign(assigned);
        StreamPosition position = new StreamPosition(next);
        assigned.forEach(p -> consumer.seek(p, position.next(p.topic(), p.partition())));
        return position;
    }

    /**
     * Where each partition starts: the client's position, kept within what the partition holds (retention may have
     * removed the oldest records); a partition added since the client's id was written from its beginning (all of it
     * is new to the client); without a position the first record at or after {@code since}, else the end.
     */
    private long[] offsets(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, long[] named,
            OptionalLong since) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, config.kafkaTimeout());
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, config.kafkaTimeout());
        Map<TopicPartition, OffsetAndTimestamp> atTime = new HashMap<>();
        if (named == null && since.isPresent()) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since.getAsLong()));
            atTime.putAll(consumer.offsetsForTimes(query, config.kafkaTimeout()));
        }
        long[] offsets = new long[partitions.size()];
        for (TopicPartition p : partitions) {
            int i = p.partition();
            if (named != null) {
                offsets[i] = i < named.length ? Math.clamp(named[i], begin.get(p), end.get(p)) : begin.get(p);
            } else {
                OffsetAndTimestamp found = atTime.get(p);
                offsets[i] = found != null ? found.offset() : end.get(p);
            }
        }
        return offsets;
    }

    private Map<String, Object> properties(String clientId) {
        return ClientSettings.of(kafka, Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Only what producers committed: a stream shows what happened, never an aborted write.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // Behind the log start (retention deleted what the client had not read): go on from the oldest left.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis()));
    }
}
