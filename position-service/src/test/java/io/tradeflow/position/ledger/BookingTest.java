package io.tradeflow.position.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.Topics;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.position.Orders;
import io.tradeflow.position.messaging.PositionPublisher;
import io.tradeflow.position.messaging.PublishedTail;
import jakarta.inject.Inject;
import io.tradeflow.position.persistence.BotStatisticsEntity;
import io.tradeflow.position.persistence.EquityPointEntity;
import io.tradeflow.position.persistence.PositionEntity;
import io.tradeflow.position.persistence.TradeEntity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * orders.v1 to PostgreSQL and positions.v1 on the devstack's Kafka and PostgreSQL: an entry whose target fills in two
 * trades (the worked case), a stop-out, a reversal; the same events delivered again change nothing; a record
 * that cannot be read or booked goes to orders.v1.dlq and the stream goes on.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class BookingTest {
    private static final String BOT = "booking-bot";
    private static final Symbol SYMBOL = Symbol.of("POSBOOKUSDT");
    private static final long T0 = 1_700_006_460_000L;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The scenario, in the order execution-service would publish it. */
    private static List<OrderUpdated> scenario() {
        var entry1 = Orders.entry(BOT, SYMBOL, "s1", Side.BUY, "0.028");
        var stop1 = Orders.stopLoss(BOT, SYMBOL, "s1", Side.SELL, "0.028", "35300.0");
        var target1 = Orders.takeProfit(BOT, SYMBOL, "s1", Side.SELL, "0.028", "35700.0");
        var entry2 = Orders.entry(BOT, SYMBOL, "s2", Side.BUY, "0.010");
        var stop2 = Orders.stopLoss(BOT, SYMBOL, "s2", Side.SELL, "0.010", "34800.0");
        var entry3 = Orders.entry(BOT, SYMBOL, "s3", Side.BUY, "0.010");
        var reverse = Orders.exit(BOT, SYMBOL, "s4", Side.SELL, "0.010", CloseReason.REVERSAL);
        var entry4 = Orders.entry(BOT, SYMBOL, "s4", Side.SELL, "0.010");
        return List.of(
                entry1.accepted(T0), entry1.fill("0.028", "0.028", "35567.2", "0.39835264", "USDT", "1001", T0),
                stop1.accepted(T0), target1.accepted(T0),
                target1.fill("0.010", "0.010", "35700.0", "0.1428", "USDT", "1002", T0 + 60_000),
                target1.fill("0.028", "0.018", "35701.0", "0.2570472", "USDT", "1003", T0 + 60_500),
                entry2.fill("0.010", "0.010", "35000.0", "0.175", "USDT", "1004", T0 + 120_000),
                stop2.accepted(T0 + 120_000),
                stop2.fill("0.010", "0.010", "34800.0", "0.174", "USDT", "1005", T0 + 180_000),
                entry3.fill("0.010", "0.010", "34900.0", "0.1745", "USDT", "1006", T0 + 240_000),
                reverse.fill("0.010", "0.010", "35100.0", "0.1755", "USDT", "1007", T0 + 300_000),
                entry4.fill("0.010", "0.010", "35100.0", "0.1755", "USDT", "1008", T0 + 300_000));
    }

    @Test
    void aSequenceOfFillsGivesItsRowsAndEventsOnceEvenWhenDeliveredTwice() {
        Orders.send(bootstrap, scenario());
        await().atMost(Duration.ofSeconds(60)).until(() -> Orders.positionsOf(bootstrap, BOT).size() >= 8);

        List<PositionChanged> events = Orders.positionsOf(bootstrap, BOT);
        assertThat(events).extracting(PositionChanged::positionId, PositionChanged::sequence, PositionChanged::change,
                PositionChanged::direction).containsExactly(
                tuple("pos-paper-POSBOOKUSDT-1001", 1L, PositionChange.OPENED, Direction.LONG),
                tuple("pos-paper-POSBOOKUSDT-1001", 2L, PositionChange.CHANGED, Direction.LONG),
                tuple("pos-paper-POSBOOKUSDT-1001", 3L, PositionChange.CLOSED, Direction.LONG),
                tuple("pos-paper-POSBOOKUSDT-1004", 1L, PositionChange.OPENED, Direction.LONG),
                tuple("pos-paper-POSBOOKUSDT-1004", 2L, PositionChange.CLOSED, Direction.LONG),
                tuple("pos-paper-POSBOOKUSDT-1006", 1L, PositionChange.OPENED, Direction.LONG),
                tuple("pos-paper-POSBOOKUSDT-1006", 2L, PositionChange.CLOSED, Direction.LONG),
                tuple("pos-paper-POSBOOKUSDT-1008", 1L, PositionChange.OPENED, Direction.SHORT));
        PositionChanged workedCase = events.get(2);
        assertThat(workedCase.exitPrice().toPlainString()).isEqualTo("35700.64285714");
        assertThat(workedCase.realizedPnl()).isEqualByComparingTo("3.7364");
        assertThat(workedCase.fees()).isEqualByComparingTo("0.79819984");
        assertThat(workedCase.netRealizedPnl()).isEqualByComparingTo("2.93820016");
        assertThat(workedCase.closeReason()).isEqualTo(CloseReason.TAKE_PROFIT);
        assertThat(events.get(4).closeReason()).isEqualTo(CloseReason.STOP_LOSS);
        assertThat(events.get(6).closeReason()).isEqualTo(CloseReason.REVERSAL);
        assertRows();

        // Everything again, as after a consumer crash that lost its offsets: nothing changes, nothing is published.
        Orders.send(bootstrap, scenario());
        OrderUpdated marker = Orders.exit(BOT, SYMBOL, "s5", Side.BUY, "0.010", CloseReason.SIGNAL_EXIT)
                .fill("0.010", "0.010", "35000.0", "0.175", "USDT", "1009", T0 + 360_000);
        Orders.send(bootstrap, List.of(marker));
        await().atMost(Duration.ofSeconds(60)).until(() -> Orders.positionsOf(bootstrap, BOT).size() >= 9);
        assertThat(Orders.positionsOf(bootstrap, BOT)).hasSize(9).last()
                .extracting(PositionChanged::positionId, PositionChanged::change, PositionChanged::closeReason)
                .containsExactly("pos-paper-POSBOOKUSDT-1008", PositionChange.CLOSED, CloseReason.SIGNAL_EXIT);
        assertThat(count("select count(*) from TradeEntity where botId = ?1")).isEqualTo(9);
    }

    private void assertRows() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<PositionEntity> positions = PositionEntity.list("botId", Sort.by("openedAt", "positionId"), BOT);
            assertThat(positions).extracting(p -> p.positionId, p -> p.status, p -> p.closeReason).containsExactly(
                    tuple("pos-paper-POSBOOKUSDT-1001", "CLOSED", "TAKE_PROFIT"),
                    tuple("pos-paper-POSBOOKUSDT-1004", "CLOSED", "STOP_LOSS"),
                    tuple("pos-paper-POSBOOKUSDT-1006", "CLOSED", "REVERSAL"),
                    tuple("pos-paper-POSBOOKUSDT-1008", "OPEN", null));
            PositionEntity first = positions.getFirst();
            assertThat(first.exitPrice.toPlainString()).isEqualTo("35700.64285714");
            assertThat(first.netRealizedPnl).isEqualByComparingTo("2.93820016");
            assertThat(first.initialStop).isEqualByComparingTo("35300.0");
            // risk (35567.2 - 35300.0) x 0.028 = 7.4816; R = 2.93820016 / 7.4816
            assertThat(first.rMultiple).isEqualByComparingTo("0.39272350");
            assertThat(positions.get(1).netRealizedPnl).isEqualByComparingTo("-2.349");
            assertThat(positions.get(2).netRealizedPnl).isEqualByComparingTo("1.65");

            List<TradeEntity> trades = TradeEntity.list("botId", Sort.by("tradedAt", "key.tradeId"), BOT);
            assertThat(trades).extracting(t -> t.key.tradeId()).containsExactly("1001", "1002", "1003", "1004", "1005",
                    "1006", "1007", "1008");
            assertThat(trades).extracting(t -> t.realizedPnl == null ? null : t.realizedPnl.stripTrailingZeros()
                    .toPlainString()).containsExactly(null, "1.328", "2.4084", null, "-2", null, "2", null);

            BotStatisticsEntity stats = BotStatisticsEntity.findById(new BotStatisticsEntity.Key(BOT, "USDT"));
            assertThat(stats.positions).isEqualTo(3);
            assertThat(stats.wins).isEqualTo(2);
            assertThat(stats.losses).isEqualTo(1);
            assertThat(stats.netPnl).isEqualByComparingTo("2.23920016");
            assertThat(stats.maxDrawdown).isEqualByComparingTo("2.349");

            List<EquityPointEntity> equity = EquityPointEntity.list("botId", Sort.by("closedAt"), BOT);
            assertThat(equity).extracting(p -> p.equity.stripTrailingZeros().toPlainString())
                    .containsExactly("2.93820016", "0.58920016", "2.23920016");
        });
    }

    @Inject
    Ledger ledger;
    @Inject
    PositionPublisher publisher;
    @Inject
    PublishedTail tail;

    /**
     * The crash windows of a fill, made on purpose: booked but killed before its events were published (one event;
     * and a fill that closed a position and opened the next, whose two events must keep their order), and booked and
     * published but killed before the record was acknowledged. Delivered again after the "restart" (what was read of
     * positions.v1 forgotten, as at a new start), the first two are published now, in order, the last not again.
     */
    @Test
    void aFillBookedBeforeACrashIsPublishedOnceWhenDeliveredAgain() {
        long now = System.currentTimeMillis();
        // Killed after the commit, before the publish:
        Symbol first = Symbol.of("POSCRASHAUSDT");
        OrderUpdated unpublished = Orders.entry("crash-a", first, "k1", Side.BUY, "0.010")
                .fill("0.010", "0.010", "35000.0", "0.175", "USDT", "5001", T0);
        assertThat(ledger.record(unpublished, null, now).outcome()).isEqualTo(Recorded.Outcome.BOOKED);
        // The same, for a fill that reverses: the new position's id (trade 5000) sorts before the closed one's (6000).
        Symbol split = Symbol.of("POSCRASHSUSDT");
        OrderUpdated entry = Orders.entry("crash-s", split, "k5", Side.BUY, "0.010")
                .fill("0.010", "0.010", "35000.0", "0.175", "USDT", "6000", T0);
        OrderUpdated reversal = Orders.entry("crash-s", split, "k6", Side.SELL, "0.030")
                .fill("0.030", "0.030", "35100.0", "0.5265", "USDT", "5000", T0 + 60_000);
        ledger.record(entry, null, now).events().forEach(publisher::publish);
        assertThat(ledger.record(reversal, null, now).events()).hasSize(2);
        // Killed after the publish, before the acknowledgement:
        Symbol second = Symbol.of("POSCRASHBUSDT");
        OrderUpdated published = Orders.entry("crash-b", second, "k2", Side.SELL, "0.010")
                .fill("0.010", "0.010", "35100.0", "0.1755", "USDT", "5002", T0);
        ledger.record(published, null, now).events().forEach(publisher::publish);
        tail.forget();

        Orders.send(bootstrap, List.of(unpublished, entry, reversal, published));
        Orders.send(bootstrap, List.of(Orders.exit("crash-a", first, "k3", Side.SELL, "0.010", CloseReason.SIGNAL_EXIT)
                        .fill("0.010", "0.010", "35200.0", "0.176", "USDT", "5003", T0 + 60_000),
                Orders.exit("crash-b", second, "k4", Side.BUY, "0.010", CloseReason.SIGNAL_EXIT)
                        .fill("0.010", "0.010", "35200.0", "0.176", "USDT", "5004", T0 + 60_000)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Orders.positionsOf(bootstrap, "crash-a").size() >= 2
                && Orders.positionsOf(bootstrap, "crash-b").size() >= 2);

        assertThat(Orders.positionsOf(bootstrap, "crash-a")).extracting(PositionChanged::eventId)
                .containsExactly("pos-paper-POSCRASHAUSDT-5001-1", "pos-paper-POSCRASHAUSDT-5001-2");
        assertThat(Orders.positionsOf(bootstrap, "crash-s")).extracting(PositionChanged::eventId)
                .containsExactly("pos-paper-POSCRASHSUSDT-6000-1", "pos-paper-POSCRASHSUSDT-6000-2",
                        "pos-paper-POSCRASHSUSDT-5000-1");
        assertThat(Orders.positionsOf(bootstrap, "crash-b")).extracting(PositionChanged::eventId)
                .containsExactly("pos-paper-POSCRASHBUSDT-5002-1", "pos-paper-POSCRASHBUSDT-5002-2");
    }

    @Test
    void aFillThatReversesInOneOrderClosesThePositionAndOpensTheNext() {
        Symbol symbol = Symbol.of("POSSPLITUSDT");
        String bot = "split-bot";
        Orders.send(bootstrap, List.of(
                Orders.entry(bot, symbol, "r1", Side.BUY, "0.010")
                        .fill("0.010", "0.010", "35000.0", "0.175", "USDT", "4001", T0),
                Orders.entry(bot, symbol, "r2", Side.SELL, "0.030")
                        .fill("0.030", "0.030", "35100.0", "0.5265", "USDT", "4002", T0 + 60_000)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Orders.positionsOf(bootstrap, bot).size() == 3);

        assertThat(Orders.positionsOf(bootstrap, bot)).extracting(PositionChanged::positionId,
                PositionChanged::change, PositionChanged::direction, p -> p.quantity().toPlainString()).containsExactly(
                tuple("pos-paper-POSSPLITUSDT-4001", PositionChange.OPENED, Direction.LONG, "0.010"),
                tuple("pos-paper-POSSPLITUSDT-4001", PositionChange.CLOSED, Direction.LONG, "0.010"),
                tuple("pos-paper-POSSPLITUSDT-4002", PositionChange.OPENED, Direction.SHORT, "0.020"));
        QuarkusTransaction.requiringNew().run(() -> {
            TradeEntity split = TradeEntity.find("botId = ?1 and key.tradeId = ?2", bot, "4002").firstResult();
            assertThat(split.positionId).isEqualTo("pos-paper-POSSPLITUSDT-4001");
            assertThat(split.nextPositionId).isEqualTo("pos-paper-POSSPLITUSDT-4002");
            assertThat(split.realizedPnl).isEqualByComparingTo("1.0");
            PositionEntity closed = PositionEntity.findById("pos-paper-POSSPLITUSDT-4001");
            PositionEntity opened = PositionEntity.findById("pos-paper-POSSPLITUSDT-4002");
            // The fee shared in proportion: a third closes, two thirds open.
            assertThat(closed.fees.add(opened.fees)).isEqualByComparingTo("0.7015");
            assertThat(closed.fees).isEqualByComparingTo("0.3505");
            assertThat(opened.fees).isEqualByComparingTo("0.3510");
            assertThat(closed.closeReason).isEqualTo("REVERSAL");
        });
    }

    @Test
    void unreadableAndUnbookableRecordsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        Symbol symbol = Symbol.of("POSDLQUSDT");
        String bot = "dlq-bot";
        Orders.sendRaw(bootstrap, Topics.ORDERS, symbol.value(), "{not json".getBytes(StandardCharsets.UTF_8));
        // A stop-loss fill of a position that was never opened: booking it would invent a SHORT.
        Orders.send(bootstrap, List.of(Orders.stopLoss(bot, symbol, "d1", Side.SELL, "0.010", "34000.0")
                .fill("0.010", "0.010", "34000.0", "0.17", "USDT", "2001", T0)));
        OrderUpdated good = Orders.entry(bot, symbol, "d2", Side.BUY, "0.010")
                .fill("0.010", "0.010", "35000.0", "0.175", "USDT", "2002", T0 + 60_000);
        Orders.send(bootstrap, List.of(good));

        await().atMost(Duration.ofSeconds(60)).until(() -> Orders.positionsOf(bootstrap, bot).size() == 1);
        var dead = Orders.readAll(bootstrap, Topics.dlq(Topics.ORDERS)).stream()
                .filter(r -> symbol.value().equals(r.key())).toList();
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(dead.get(1).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("found no open position");
        assertThat(count("select count(*) from TradeEntity where botId = ?1", bot)).isEqualTo(1);
    }

    private static long count(String query) {
        return count(query, BOT);
    }

    private static long count(String query, String bot) {
        return QuarkusTransaction.requiringNew().call(() -> TradeEntity.getEntityManager()
                .createQuery(query, Long.class).setParameter(1, bot).getSingleResult());
    }

}
