package io.tradeflow.marketdata.messaging;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.service.codec.EventSerializer;
import io.tradeflow.service.codec.KlineClosedDeserializer;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.Topics;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.domain.SubscriptionRegistry;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tradeflow.core.codec.EventCodec.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class PublishingTest {
    private static final Symbol SYMBOL = Symbol.of("PUBTESTUSDT");
    private static final long START = 1700006400000L;

    @Inject
    KlineSink sink;
    @Inject
    RedisDataSource redis;
    @Inject
    SubscriptionRegistry registry;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eachKlineIsPublishedOnceKeyedBySymbolAndTheNewestAreKeptInRedis() {
        List<KlineSink.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            outcomes.add(sink.accept(kline(i), KlineSource.REPLAY, kline(i).closeTime()));
        }
        outcomes.add(sink.accept(kline(100), KlineSource.REPLAY, kline(100).closeTime()));
        outcomes.add(sink.accept(kline(259), KlineSource.BINANCE, kline(259).closeTime()));

        assertThat(outcomes.subList(0, 260)).containsOnly(KlineSink.Outcome.PUBLISHED);
        assertThat(outcomes.subList(260, 262)).containsOnly(KlineSink.Outcome.DUPLICATE);
        List<KlineClosed> onTopic = readOwnKlines(260);
        assertThat(onTopic).extracting(KlineClosed::openTime)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 260).map(i -> START + i * 60_000).boxed().toList());
        assertThat(onTopic.getFirst().close()).isEqualByComparingTo(kline(0).close());

        String key = "candles:" + SYMBOL.value() + ":1m";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(redis.list(String.class).llen(key)).isEqualTo(260));
        List<String> cached = redis.list(String.class).lrange(key, 0, -1);
        assertThat(decode(cached.getLast(), KlineClosed.class)).isEqualTo(onTopic.getLast());
        assertThat(redis.value(String.class).get("price:" + SYMBOL.value())).isEqualTo(kline(259).close().toPlainString());
    }

    @Test
    void runningBotsAddTheirPairAndAPoisonRecordGoesToTheDeadLetterTopic() throws Exception {
        var pair = new Subscription(Symbol.of("BOTTESTUSDT"), Interval.fromCode("5m"));
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.BOTS, "bot-poison", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.BOTS, "bot-md-1", new EventSerializer().serialize(Topics.BOTS, bot("bot-md-1", BotStatus.RUNNING)))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.current().contains(pair));

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.dlq(Topics.BOTS)));
            List<String> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> dead.add(r.key() + "=" + new String(r.value(), StandardCharsets.UTF_8)));
                return dead.contains("bot-poison={not json");
            });
        }

        try (var producer = new KafkaProducer<String, Event>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.BOTS, "bot-md-1", bot("bot-md-1", BotStatus.STOPPED))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !registry.current().contains(pair));
    }

    private static BotDefinition bot(String id, BotStatus status) throws Exception {
        var golden = new String(PublishingTest.class.getResourceAsStream("/events/BotDefinition.json").readAllBytes(), StandardCharsets.UTF_8);
        var template = decode(golden, BotDefinition.class);
        return new BotDefinition(id, template.name(), template.market(), Symbol.of("BOTTESTUSDT"), Interval.fromCode("5m"),
                template.strategy(), template.risk(), template.venue(), status, false, template.eventTime(), System.currentTimeMillis());
    }

    private List<KlineClosed> readOwnKlines(int expected) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "publishing-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new KlineClosedDeserializer())) {
            consumer.subscribe(List.of(Topics.KLINES));
            List<KlineClosed> own = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.key().equals(SYMBOL.value())) {
                        own.add(r.value());
                    }
                });
                return own.size() >= expected;
            });
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (r.key().equals(SYMBOL.value())) {
                    own.add(r.value());
                }
            });
            return own;
        }
    }

    private static Kline kline(int i) {
        long open = START + i * 60_000L;
        BigDecimal close = new BigDecimal("100.00").add(BigDecimal.valueOf(i, 2));
        return new Kline(SYMBOL, Interval.fromCode("1m"), open, open + 59_999, close, close.add(BigDecimal.ONE), close.subtract(BigDecimal.ONE),
                close, new BigDecimal("12.345"), new BigDecimal("1234.5"), 42);
    }
}
