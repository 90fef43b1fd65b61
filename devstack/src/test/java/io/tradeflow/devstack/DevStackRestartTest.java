package io.tradeflow.devstack;

import io.tradeflow.core.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A devstack of the test's own, in its own JVM as tests run it, whose Kafka restarts on command. */
class DevStackRestartTest {

    @Test
    void kafkaRestartsOnItsPortWithItsRecordsAndClientsReconnect() throws Exception {
        try (DevStackProcess stack = DevStackProcess.start(1);
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers(),
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.KLINES, "k", "before")).get(30, TimeUnit.SECONDS);

            stack.restartKafka();

            // The same producer: its connection dropped with the broker, and it finds the broker again by itself.
            producer.send(new ProducerRecord<>(Topics.KLINES, "k", "after")).get(60, TimeUnit.SECONDS);
            assertThat(read(stack.endpoints().kafkaBootstrapServers())).containsExactly("before", "after");
        }
    }

    private static List<String> read(String bootstrap) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "restart-test"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.KLINES));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < until) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
