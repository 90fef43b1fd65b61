package io.tradeflow.position;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.execution.ClientOrderIds;
import io.tradeflow.service.messaging.TopicTail;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Order events as execution-service publishes them (USD-M, margin USDT), written out with the {@link OrderUpdated}
 * constructor, and the topics' records. Tests share the topics, so each uses its own bots and symbols.
 */
public final class Orders {
    private Orders() {
    }

    /** One order of a bot: its events are made by {@link #fill} and {@link #accepted}. */
    public record Order(String botId, Symbol symbol, String signalId, OrderRole role, Side side, OrderType type,
            String quantity, String trigger, CloseReason reason) {

        public String clientOrderId() {
            return signalId == null ? "manual-" + botId + "-" + role : ClientOrderIds.of(signalId, role);
        }

        /** NEW: the venue took it (a stop-loss carries its trigger). */
        public OrderUpdated accepted(long time) {
            return event(OrderStatus.NEW, "0", null, null, null, null, null, time);
        }

        /**
         * A fill of {@code last} at {@code price}, {@code filled} in all so far (PARTIALLY_FILLED until it is the
         * quantity), trade id {@code tradeId}.
         */
        public OrderUpdated fill(String filled, String last, String price, String fee, String feeAsset, String tradeId,
                long time) {
            OrderStatus status = new BigDecimal(filled).compareTo(new BigDecimal(quantity)) == 0
                    ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
            return event(status, filled, last, price, fee, feeAsset, tradeId, time);
        }

        private OrderUpdated event(OrderStatus status, String filled, String last, String price, String fee,
                String feeAsset, String tradeId, long time) {
            return new OrderUpdated(clientOrderId(), null, botId, signalId, symbol, Venue.PAPER, role, side, type,
                    status, dec(quantity), null, dec(trigger), dec(filled), dec(price), dec(last), dec(price),
                    dec(fee), feeAsset, role != OrderRole.ENTRY, null, tradeId, null, null, Market.USD_M, "USDT",
                    BigDecimal.ONE, reason, time, time + 5);
        }
    }

    public static Order entry(String botId, Symbol symbol, String signalId, Side side, String quantity) {
        return new Order(botId, symbol, signalId, OrderRole.ENTRY, side, OrderType.MARKET, quantity, null, null);
    }

    public static Order stopLoss(String botId, Symbol symbol, String signalId, Side side, String quantity,
            String trigger) {
        return new Order(botId, symbol, signalId, OrderRole.STOP_LOSS, side, OrderType.STOP_MARKET, quantity, trigger,
                null);
    }

    public static Order takeProfit(String botId, Symbol symbol, String signalId, Side side, String quantity,
            String trigger) {
        return new Order(botId, symbol, signalId, OrderRole.TAKE_PROFIT, side, OrderType.TAKE_PROFIT_MARKET, quantity,
                trigger, null);
    }

    public static Order exit(String botId, Symbol symbol, String signalId, Side side, String quantity,
            CloseReason reason) {
        return new Order(botId, symbol, signalId, OrderRole.EXIT, side, OrderType.MARKET, quantity, null, reason);
    }

    /**
     * The same event as execution-service publishes it for a COIN-M symbol: inverse contracts of 100 USD, margin and
     * fees in BTC.
     */
    public static OrderUpdated coinMargined(OrderUpdated o) {
        return new OrderUpdated(o.clientOrderId(), o.exchangeOrderId(), o.botId(), o.signalId(), o.symbol(), o.venue(),
                o.role(), o.side(), o.type(), o.status(), o.quantity(), o.price(), o.triggerPrice(), o.filledQuantity(),
                o.averagePrice(), o.lastFillQuantity(), o.lastFillPrice(), o.fee(), o.fee() == null ? null : "BTC",
                o.reduceOnly(), o.rejectReason(), o.tradeId(), o.realizedPnl(), o.denyReason(), Market.COIN_M, "BTC",
                new BigDecimal("100"), o.closeReason(), o.eventTime(), o.producedAt());
    }

    public static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    public static void send(String bootstrap, List<? extends Event> events) {
        try (var producer = producer(bootstrap)) {
            for (Event event : events) {
                producer.send(new ProducerRecord<>(Topics.of(event), event.key(), EventCodec.encode(event))).get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendRaw(String bootstrap, String topic, String key, byte[] value) {
        try (var producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record on the topic now, from its first offset to its end (trading-core's TopicTail, read whole). */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        TopicTail.read(bootstrap, topic, Long.MAX_VALUE, Duration.ofSeconds(30), records::add);
        return records;
    }

    /** The bot's PositionChanged events on positions.v1, in publication order. */
    public static List<PositionChanged> positionsOf(String bootstrap, String botId) {
        return readAll(bootstrap, Topics.POSITIONS).stream()
                .map(record -> EventCodec.decode(record.value(), PositionChanged.class))
                .filter(event -> event.botId().equals(botId)).toList();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }
}
