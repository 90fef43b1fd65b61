package io.tradeflow.position.ledger;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.position.PositionBook;
import io.tradeflow.core.position.PositionFill;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.core.position.TrackedPosition;
import io.tradeflow.position.persistence.BotStatisticsEntity;
import io.tradeflow.position.persistence.EquityPointEntity;
import io.tradeflow.position.persistence.PositionEntity;
import io.tradeflow.position.persistence.PositionEventEntity;
import io.tradeflow.position.persistence.PositionRows;
import io.tradeflow.position.persistence.TradeEntity;
import io.tradeflow.position.persistence.TradeKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Books order events in PostgreSQL, one transaction per event: the fill's trade row, the positions it changed, the
 * bot's statistics and equity point when one closed, and the {@code PositionChanged} events to publish. The trade
 * row's key (venue, client order id, trade id) makes booking idempotent: a fill delivered again finds its row and
 * changes nothing, so the consumer may commit its Kafka offset after this transaction and a crash between the two
 * only causes a harmless redelivery.
 */
@ApplicationScoped
public class Ledger {

    /**
     * Books {@code order}.
     *
     * @param feePrice the fee asset's price in the margin asset at the fill's time, or null (see {@link Fills#of})
     * @param now      epoch ms, the events' {@code producedAt} and the rows' {@code recorded_at}
     * @throws UnbookableFill when the event reports a fill that cannot be booked (rolled back; nothing written)
     */
    @Transactional
    public Recorded record(OrderUpdated order, BigDecimal feePrice, long now) {
        if (!Fills.isFill(order)) {
            return isStopLoss(order) ? setInitialStop(order) : Recorded.of(Recorded.Outcome.IGNORED, order.status().name());
        }
        TradeKey key = Fills.key(order);
        if (TradeEntity.findById(key) != null) {
            return new Recorded(Recorded.Outcome.DUPLICATE, PositionEventEntity.ofTrade(key).stream()
                    .map(row -> new Recorded.Publishable(row.eventId, row.recordKey, row.payload)).toList(),
                    "fill " + key + " was booked before");
        }
        PositionFill fill = Fills.of(order, feePrice);
        Optional<PositionEntity> openRow = PositionEntity.open(order.botId(), order.symbol().value(), order.venue().name());
        PositionBook.Booked booked;
        try {
            booked = PositionBook.book(openRow.map(PositionRows::toPosition).orElse(null), fill, now);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnbookableFill("fill " + key + " cannot be booked: " + e.getMessage(), e);
        }
        for (TrackedPosition position : booked.positions()) {
            PositionEntity row = openRow.filter(r -> r.positionId.equals(position.positionId()))
                    .orElseGet(PositionEntity::new);
            PositionRows.fill(row, position);
            row.persist();
            if (!position.isOpen()) {
                closed(row, now);
            }
            // Hibernate runs inserts before updates at a flush: the closed half of a split fill must be written
            // CLOSED before the position it opened is inserted OPEN (one open position per bot, symbol and venue).
            PositionEntity.flush();
        }
        trade(order, key, fill, booked, now).persist();
        List<Recorded.Publishable> events = new ArrayList<>();
        for (PositionChanged event : booked.events()) {
            PositionEventEntity row = new PositionEventEntity();
            row.eventId = event.eventId();
            row.positionId = event.positionId();
            row.sequence = event.sequence();
            row.venue = key.venue();
            row.clientOrderId = key.clientOrderId();
            row.tradeId = key.tradeId();
            row.recordKey = event.key();
            row.payload = EventCodec.encode(event);
            row.persist();
            events.add(new Recorded.Publishable(row.eventId, row.recordKey, row.payload));
        }
        return new Recorded(Recorded.Outcome.BOOKED, events, booked.current().positionId());
    }

    /** The number of open positions. */
    @Transactional
    public long openPositions() {
        return PositionEntity.count("status", PositionEntity.OPEN);
    }

    /** The bot's net realized PnL over its closed positions in {@code marginAsset}, once one closed. */
    @Transactional
    public Optional<BigDecimal> netPnl(String botId, String marginAsset) {
        return BotStatisticsEntity.<BotStatisticsEntity>findByIdOptional(new BotStatisticsEntity.Key(botId, marginAsset))
                .map(stats -> stats.netPnl);
    }

    private static boolean isStopLoss(OrderUpdated order) {
        return order.role() == OrderRole.STOP_LOSS && order.status() == OrderStatus.NEW && order.triggerPrice() != null
                && order.signalId() != null;
    }

    /** The stop of the bracket that came with the entry: the open position of the same signal takes it as its first. */
    private static Recorded setInitialStop(OrderUpdated order) {
        Optional<PositionEntity> open = PositionEntity.open(order.botId(), order.symbol().value(), order.venue().name())
                .filter(row -> order.signalId().equals(row.signalId) && row.initialStop == null);
        open.ifPresent(row -> row.initialStop = order.triggerPrice());
        return open.map(row -> Recorded.of(Recorded.Outcome.STOP_SET, row.positionId))
                .orElseGet(() -> Recorded.of(Recorded.Outcome.IGNORED, "stop-loss of no open position without a stop"));
    }

    /** The bot's statistics and equity curve take one more closed position. */
    private static void closed(PositionEntity row, long now) {
        BotStatisticsEntity.Key key = new BotStatisticsEntity.Key(row.botId, row.marginAsset);
        BotStatisticsEntity stats = BotStatisticsEntity.<BotStatisticsEntity>findByIdOptional(key).orElseGet(() -> {
            BotStatisticsEntity created = new BotStatisticsEntity();
            created.key = key;
            return created;
        });
        Statistics before = stats.positions == 0 && stats.netPnl == null ? Statistics.NONE : PositionRows.toStatistics(stats);
        Statistics after = PositionRows.add(before, row);
        PositionRows.fill(stats, after, now);
        stats.persist();
        EquityPointEntity point = new EquityPointEntity();
        point.positionId = row.positionId;
        point.botId = row.botId;
        point.marginAsset = row.marginAsset;
        point.closedAt = row.closedAt;
        point.netPnl = row.netRealizedPnl;
        point.equity = after.netPnl();
        point.drawdown = after.drawdown();
        point.persist();
    }

    private static TradeEntity trade(OrderUpdated order, TradeKey key, PositionFill fill, PositionBook.Booked booked,
            long now) {
        TradeEntity trade = new TradeEntity();
        trade.key = key;
        trade.positionId = booked.positions().getFirst().positionId();
        trade.nextPositionId = booked.positions().size() > 1 ? booked.positions().getLast().positionId() : null;
        trade.botId = order.botId();
        trade.symbol = order.symbol().value();
        trade.signalId = order.signalId();
        trade.orderRole = order.role().name();
        trade.side = order.side().name();
        trade.quantity = fill.fill().quantity();
        trade.price = fill.fill().price();
        trade.fee = fill.fill().fee();
        trade.feeAsset = fill.fill().feeAsset();
        trade.feePrice = fill.feePrice();
        trade.realizedPnl = booked.realizedPnl();
        trade.tradedAt = order.eventTime();
        trade.orderEventId = order.eventId();
        trade.recordedAt = now;
        return trade;
    }
}
