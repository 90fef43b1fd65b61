package io.tradeflow.pipeline;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers every {@code SignalGenerated} of one bot a second time: each record signal-service wrote on
 * {@code signals.v1} is written again, same key and same bytes, as soon as it is read. What a producer's retry
 * after a lost acknowledgement, or a restarted signal-service, would put on the topic. Its own copies are read back
 * too and recognised by their event id, so each signal is echoed once.
 */
final class SignalEcho implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final String symbol;
    private final String botId;
    private final Set<String> echoed = new HashSet<>();

    SignalEcho(String bootstrap, String symbol, String botId) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        this.symbol = symbol;
        this.botId = botId;
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SIGNALS).stream()
                .map(info -> new TopicPartition(Topics.SIGNALS, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Echoes the bot's signals that arrived since the last call and waits for Kafka to take them. */
    SignalEcho poll() {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
            if (symbol.equals(record.key()) && EventCodec.decodeAny(record.value()) instanceof SignalGenerated signal
                    && signal.botId().equals(botId) && echoed.add(signal.eventId())) {
                producer.send(new ProducerRecord<>(Topics.SIGNALS, record.key(), record.value()));
            }
        }
        producer.flush();
        return this;
    }

    /** How many signals were echoed so far. */
    int echoed() {
        return echoed.size();
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
