package io.tradeflow.execution;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.execution.PaperReplay;
import io.tradeflow.core.testing.RecordedDay;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Recorded klines, bots and the topics, for the service's tests. Tests share the topics, so each uses its own symbols. */
public final class Fixtures {
    /** indicator-service's default indicators: the in-process run needs them to compute the same snapshots. */
    public static final List<String> DEFAULT_INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)");
    /** Small periods so that the recorded day has crosses (and so entries, stops and exits) to trade. */
    public static final Map<String, String> PARAMS = Map.of("fast", "5", "slow", "20", "confirmationCandles", "1",
            "minSignalIntervalMinutes", "15", "pivotLookback", "10");

    private Fixtures() {
    }

    /** A RUNNING sma-crossover bot, margin 100 x 10 on the given venue. */
    public static BotDefinition bot(String botId, Symbol symbol, Venue venue) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/BotDefinition.json")) {
            BotDefinition golden = EventCodec.decode(in.readAllBytes(), BotDefinition.class);
            long now = System.currentTimeMillis();
            return new BotDefinition(botId, "test " + botId, Market.USD_M, symbol, Interval.ONE_MINUTE,
                    new StrategySpec("sma-crossover", PARAMS), golden.risk(), venue, BotStatus.RUNNING, false, now, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * trading-core's recorded BTCUSDT day (2023-11-15, 1440 klines) as klines of {@code symbol}, produced now: the
     * service times kline to order from a kline's {@code producedAt}.
     */
    public static List<KlineClosed> day(Symbol symbol) {
        return RecordedDay.closed(symbol, System.currentTimeMillis());
    }

    /** Signals as signal-service publishes them: produced now (so never stale). */
    public static List<SignalGenerated> signals(BotDefinition bot, List<KlineClosed> klines) {
        long now = System.currentTimeMillis();
        return PaperReplay.signals(bot, klines, DEFAULT_INDICATORS).stream().map(s -> new SignalGenerated(s.botId(),
                s.strategy(), s.symbol(), s.interval(), s.klineOpenTime(), s.action(), s.referencePrice(), s.stopLoss(),
                s.takeProfit(), s.reason(), s.eventTime(), now)).toList();
    }

    /** What signal-service writes on signals.v1 for these klines: each kline's signals, then its watermark. */
    public static List<Event> signalTopic(List<KlineClosed> klines, List<SignalGenerated> signals) {
        List<Event> events = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (KlineClosed kline : klines) {
            signals.stream().filter(s -> s.klineOpenTime() == kline.openTime()).forEach(events::add);
            events.add(new SignalWatermark(kline.symbol(), kline.interval(), kline.openTime(), kline.eventTime(), now));
        }
        return events;
    }

    public static void send(String bootstrap, List<? extends Event> events) {
        try (var producer = producer(bootstrap)) {
            for (Event event : events) {
                producer.send(new ProducerRecord<>(Topics.of(event), event.key(), EventCodec.encode(event)));
            }
            producer.flush();
        }
    }

    public static void sendRaw(String bootstrap, String topic, String key, byte[] value) {
        try (var producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record on the topic now, from its first offset to its end. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The bot's order events on orders.v1, in publication order, comparable with an in-process run. */
    public static List<String> ordersOf(String bootstrap, String botId) {
        return readAll(bootstrap, Topics.ORDERS).stream()
                .map(record -> EventCodec.decode(record.value(), OrderUpdated.class))
                .filter(order -> order.botId().equals(botId))
                .map(Fixtures::describe)
                .toList();
    }

    public static String describe(OrderUpdated order) {
        return EventCodec.encodeToString(PaperReplay.comparable(order));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }
}
