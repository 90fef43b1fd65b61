package io.tradeflow.core.position;

import io.tradeflow.core.domain.PositionChange;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The result of {@link Position#apply}: the position after the fill and what the fill itself closed.
 *
 * @param position       the position after the fill
 * @param closedQuantity how much this fill closed; 0 when it only added
 * @param realizedPnl    gross PnL of this fill in the margin asset, computed from its price and the average entry;
 *                       null when it closed nothing
 */
public record Applied(Position position, BigDecimal closedQuantity, BigDecimal realizedPnl) {

    public Applied {
        Objects.requireNonNull(position, "position");
        closedQuantity = Decimals.requireNotNegative("closedQuantity", closedQuantity);
        if ((closedQuantity.signum() == 0) != (realizedPnl == null)) {
            throw new IllegalArgumentException("realizedPnl must be set exactly when something was closed (closed "
                    + closedQuantity.toPlainString() + ", realizedPnl " + realizedPnl + ")");
        }
        if (realizedPnl != null) {
            realizedPnl = Decimals.plain(realizedPnl);
        }
    }

    /** CLOSED when this fill brought the position to 0, else CHANGED (a first fill is OPENED, by Position.open). */
    public PositionChange change() {
        return position.isOpen() ? PositionChange.CHANGED : PositionChange.CLOSED;
    }
}
