package io.tradeflow.devstack;

import io.tradeflow.service.codec.EventSerializer;
import io.tradeflow.service.codec.KlineClosedDeserializer;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.math.BigDecimal;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The three real servers, reached the way the services reach them. */
@ExtendWith(DevStackExtension.class)
class DevStackRoundTripTest {

    @Test
    void klineClosedGoesThroughKafkaWithTheCoreCodec(Endpoints servers) throws Exception {
        Kline kline = new Kline(Symbol.of("BTCUSDT"), Interval.fromCode("1m"), 1700006400000L, 1700006459999L,
                new BigDecimal("35559.10"), new BigDecimal("35567"), new BigDecimal("35544.60"), new BigDecimal("35565.40"),
                new BigDecimal("196.425"), new BigDecimal("6983542.53060"), 1925);
        KlineClosed sent = KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, 1700006459999L, System.currentTimeMillis());

        RecordMetadata written;
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new EventSerializer())) {
            written = producer.send(new ProducerRecord<>(Topics.KLINES, sent.key(), sent)).get();
        }

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new KlineClosedDeserializer())) {
            consumer.subscribe(List.of(Topics.KLINES));
            List<ConsumerRecord<String, KlineClosed>> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertThat(received).hasSize(1);
            assertThat(received.getFirst().key()).isEqualTo("BTCUSDT");
            assertThat(received.getFirst().partition()).isEqualTo(written.partition());
            assertThat(received.getFirst().value()).isEqualTo(sent);
            assertThat(received.getFirst().value().eventId()).isEqualTo("BTCUSDT-1m-1700006400000");
        }
    }

    @Test
    void everyTopicExistsWithTheConfiguredPartitionsAndBotsIsCompacted(Endpoints servers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).containsAll(Topics.ALL);
            assertThat(names).contains(Topics.dlq(Topics.KLINES), Topics.dlq(Topics.BOTS));
            admin.describeTopics(Topics.ALL).allTopicNames().get().values().forEach(topic ->
                    assertThat(topic.partitions()).as(topic.name()).hasSize(SharedDevStack.TEST_PARTITIONS));
            var bots = new ConfigResource(ConfigResource.Type.TOPIC, Topics.BOTS);
            var klines = new ConfigResource(ConfigResource.Type.TOPIC, Topics.KLINES);
            var configs = admin.describeConfigs(List.of(bots, klines)).all().get();
            assertThat(configs.get(bots).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(klines).get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void postgresRunsSql(Endpoints servers) throws Exception {
        try (var connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
             var statement = connection.createStatement()) {
            statement.execute("create table devstack_check (id bigint primary key, price numeric(20, 8) not null)");
            statement.execute("insert into devstack_check values (1, 35565.40)");
            var rows = statement.executeQuery("select price, current_database() from devstack_check where id = 1");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("35565.40");
            assertThat(rows.getString(2)).isEqualTo("tradeflow");
            statement.execute("drop table devstack_check");
        }
    }

    @Test
    void redisWritesAndReads(Endpoints servers) {
        try (var redis = new Jedis(servers.redisHost(), servers.redisPort())) {
            redis.del("candles:BTCUSDT:1m");
            redis.rpush("candles:BTCUSDT:1m", "a", "b", "c");
            redis.ltrim("candles:BTCUSDT:1m", -2, -1);
            assertThat(redis.lrange("candles:BTCUSDT:1m", 0, -1)).containsExactly("b", "c");
        }
    }
}
