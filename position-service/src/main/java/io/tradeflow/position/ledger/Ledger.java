package io.tradeflow.position.ledger;

import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.PositionChange;
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
            return isStopLoss(order) ? setInitialStop(order)
                    : Recorded.of(Recorded.Outcome.IGNORED, order.status().name());
        }
        TradeKey key = Fills.key(order);
        TradeEntity booked = TradeEntity.findById(key);
        if (booked != null) {
            List<Recorded.Publishable> stored = PositionEventEntity.ofTrade(key).stream()
                    .map(row -> new Recorded.Publishable(row.eventId, row.recordKey, row.payload)).toList();
            return new Recorded(Recorded.Outcome.DUPLICATE, stored, "fill " + key + " was booked before",
                    booked.recordedAt, 0, null);
        }
        PositionFill fill = Fills.of(order, feePrice);
        Optional<PositionEntity> openRow = PositionEntity.open(order.botId(), order.symbol().value(),
                order.venue().name());
        PositionBook.Booked result;
        try {
            result = PositionBook.book(openRow.map(PositionRows::toPosition).orElse(null), fill, now);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnbookableFill("fill " + key + " cannot be booked: " + e.getMessage(), e);
        }
        Recorded.BotTotal total = null;
        for (TrackedPosition position : result.positions()) {
            PositionEntity row = openRow.filter(r -> r.positionId.equals(position.positionId()))
                    .orElseGet(() -> newRow(position, key));
            PositionRows.fill(row, position);
            row.persist();
            if (!position.isOpen()) {
                total = closed(position, now);
            }
            // Hibernate runs inserts before updates at a flush: the closed half of a split fill must be written
            // CLOSED before the position it opened is inserted OPEN (one open position per bot, symbol and venue).
            PositionEntity.flush();
        }
        trade(order, key, fill, result, now).persist();
        List<Recorded.Publishable> events = new ArrayList<>();
        int openChange = 0;
        for (PositionChanged event : result.events()) {
            events.add(store(event, key, events.size()));
            openChange += event.change() == PositionChange.OPENED ? 1 : event.change() == PositionChange.CLOSED ? -1 : 0;
        }
        return new Recorded(Recorded.Outcome.BOOKED, events, result.current().positionId(), now, openChange, total);
    }

    /** The number of open positions. */
    @Transactional
    public long openPositions() {
        return PositionEntity.count("status", PositionEntity.OPEN);
    }

    /** Every bot's net realized PnL per margin asset. */
    @Transactional
    public List<Recorded.BotTotal> totals() {
        return BotStatisticsEntity.<BotStatisticsEntity>listAll().stream()
                .map(row -> new Recorded.BotTotal(row.key.botId(), row.key.marginAsset(), row.netPnl)).toList();
    }

    /**
     * A new position's row. Its id comes from the opening fill's trade id, unique per venue and symbol; the same id
     * already taken (two bots of one account traded with each other) cannot be booked.
     */
    private static PositionEntity newRow(TrackedPosition position, TradeKey key) {
        if (PositionEntity.findById(position.positionId()) != null) {
            throw new UnbookableFill("fill " + key + " would open position " + position.positionId()
                    + ", which exists already (another bot's fill with the same trade id?)");
        }
        return new PositionEntity();
    }

    private static Recorded.Publishable store(PositionChanged event, TradeKey key, int ordinal) {
        PositionEventEntity row = new PositionEventEntity();
        row.eventId = event.eventId();
        row.positionId = event.positionId();
        row.sequence = event.sequence();
        row.ordinal = ordinal;
        row.venue = key.venue();
        row.clientOrderId = key.clientOrderId();
        row.tradeId = key.tradeId();
        row.recordKey = event.key();
        row.payload = EventCodec.encode(event);
        row.persist();
        return new Recorded.Publishable(row.eventId, row.recordKey, row.payload);
    }

    private static boolean isStopLoss(OrderUpdated order) {
        return order.role() == OrderRole.STOP_LOSS && order.status() == OrderStatus.NEW && order.triggerPrice() != null
                && order.signalId() != null;
    }

    /** The stop of the bracket that came with the entry: the open position of the same signal takes it as its first. */
    private static Recorded setInitialStop(OrderUpdated order) {
        Optional<PositionEntity> open = PositionEntity.open(order.botId(), order.symbol().value(), order.venue().name())
                .filter(row -> order.signalId().equals(row.signalId) && row.initialStop == null);
        open.ifPresent(row -> PositionRows.fill(row, PositionRows.toPosition(row).withInitialStop(order.triggerPrice())));
        return open.map(row -> Recorded.of(Recorded.Outcome.STOP_SET, row.positionId))
                .orElseGet(() -> Recorded.of(Recorded.Outcome.IGNORED, "stop-loss of no open position without a stop"));
    }

    /** The bot's statistics and equity curve take one more closed position. */
    private static Recorded.BotTotal closed(TrackedPosition position, long now) {
        String asset = position.position().marginAsset();
        BotStatisticsEntity.Key key = new BotStatisticsEntity.Key(position.botId(), asset);
        Optional<BotStatisticsEntity> existing = BotStatisticsEntity.findByIdOptional(key);
        BotStatisticsEntity stats = existing.orElseGet(BotStatisticsEntity::new);
        stats.key = key;
        Statistics after = existing.map(PositionRows::toStatistics).orElse(Statistics.NONE).add(position);
        PositionRows.fill(stats, after, now);
        stats.persist();
        EquityPointEntity point = new EquityPointEntity();
        point.positionId = position.positionId();
        point.botId = position.botId();
        point.marginAsset = asset;
        point.closedAt = position.position().closedAt();
        point.netRealizedPnl = position.netRealizedPnl();
        point.fees = position.knownFees();
        point.rMultiple = position.rMultiple().orElse(null);
        point.equity = after.netPnl();
        point.drawdown = after.drawdown();
        point.persist();
        return new Recorded.BotTotal(position.botId(), asset, after.netPnl());
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
