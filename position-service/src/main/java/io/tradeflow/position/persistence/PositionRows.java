package io.tradeflow.position.persistence;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Position;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.core.position.TrackedPosition;

/** Between trading-core's {@link TrackedPosition} and {@link Statistics} and their rows; every value kept exactly. */
public final class PositionRows {
    private PositionRows() {
    }

    public static TrackedPosition toPosition(PositionEntity row) {
        Position position = new Position(new Symbol(row.symbol), Contract.valueOf(row.contract), row.contractSize,
                row.marginAsset, Direction.valueOf(row.direction), row.quantity, row.entryPrice, row.realizedPnl,
                row.feesByAsset, row.closedQuantity, row.exitPrice, row.openedAt,
                row.closedAt == null ? 0 : row.closedAt, row.entryValue, row.exitValue);
        return new TrackedPosition(row.positionId, row.botId, Venue.valueOf(row.venue), row.signalId, row.sequence,
                position, row.convertedFees, row.unconvertedFees, row.initialStop,
                row.closeReason == null ? null : CloseReason.valueOf(row.closeReason), row.updatedAt);
    }

    /** Writes {@code tracked} into {@code row} (a new or a managed entity). */
    public static PositionEntity fill(PositionEntity row, TrackedPosition tracked) {
        Position p = tracked.position();
        row.positionId = tracked.positionId();
        row.botId = tracked.botId();
        row.symbol = p.symbol().value();
        row.venue = tracked.venue().name();
        row.contract = p.contract().name();
        row.contractSize = p.contractSize();
        row.marginAsset = p.marginAsset();
        row.direction = p.direction().name();
        row.status = p.isOpen() ? PositionEntity.OPEN : PositionEntity.CLOSED;
        row.sequence = tracked.sequence();
        row.quantity = p.quantity();
        row.entryPrice = p.entryPrice();
        row.entryValue = p.entryValue();
        row.closedQuantity = p.closedQuantity();
        row.exitPrice = p.exitPrice();
        row.exitValue = p.exitValue();
        row.realizedPnl = p.realizedPnl();
        row.fees = tracked.marginFees();
        row.convertedFees = tracked.convertedFees();
        row.netRealizedPnl = tracked.netRealizedPnl();
        row.initialStop = tracked.initialStop();
        row.rMultiple = p.isOpen() ? null : tracked.rMultiple().orElse(null);
        row.closeReason = tracked.closeReason() == null ? null : tracked.closeReason().name();
        row.signalId = tracked.signalId();
        row.openedAt = p.openedAt();
        row.closedAt = p.isOpen() ? null : p.closedAt();
        row.updatedAt = tracked.updatedAt();
        row.feesByAsset.clear();
        row.feesByAsset.putAll(p.fees());
        row.unconvertedFees.clear();
        row.unconvertedFees.putAll(tracked.unconvertedFees());
        return row;
    }

    public static Statistics toStatistics(BotStatisticsEntity row) {
        return new Statistics(row.positions, row.wins, row.losses, row.grossProfit, row.grossLoss, row.netPnl,
                row.fees, row.peak, row.maxDrawdown, row.rTotal, row.rCount);
    }

    public static void fill(BotStatisticsEntity row, Statistics s, long updatedAt) {
        row.positions = s.positions();
        row.wins = s.wins();
        row.losses = s.losses();
        row.grossProfit = s.grossProfit();
        row.grossLoss = s.grossLoss();
        row.netPnl = s.netPnl();
        row.fees = s.fees();
        row.peak = s.peak();
        row.maxDrawdown = s.maxDrawdown();
        row.rTotal = s.rTotal();
        row.rCount = s.rCount();
        row.updatedAt = updatedAt;
    }
}
