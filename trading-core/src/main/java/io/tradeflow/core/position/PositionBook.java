package io.tradeflow.core.position;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.event.PositionChanged;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fills in, positions and their {@link PositionChanged} events out: the whole of position-service's accounting, in
 * plain Java so a backtest books fills the same way. Stateless; the caller keeps each bot's current position and drops
 * fills it has booked before (by venue, order and trade id).
 *
 * <p>A fill with no open position opens one ({@code OPENED}); on the entry side it adds, on the exit side it reduces
 * ({@code CHANGED}) or closes ({@code CLOSED}). A closing fill larger than the open quantity (a venue that reversed
 * in one order) is split: the part that closes, then a new position with the rest, the fee shared in proportion (8
 * places HALF_EVEN for the closing part, the rest to the new position, so the two sum to the fee).
 */
public final class PositionBook {

    /**
     * What one fill did: the positions it touched (the closed one before the one it opened, when it did both), one
     * event per change, in order, and the fill's own realized PnL before fees ({@link Applied#realizedPnl()}), null
     * when it closed nothing.
     */
    public record Booked(List<TrackedPosition> positions, List<PositionChanged> events, BigDecimal realizedPnl) {
        public Booked {
            positions = List.copyOf(positions);
            events = List.copyOf(events);
        }

        /** The bot's position after the fill: the last one touched. */
        public TrackedPosition current() {
            return positions.getLast();
        }
    }

    private PositionBook() {
    }

    /**
     * Books {@code fill} on {@code current}, the bot's position on the fill's symbol (null, or closed, when there is
     * none open). {@code producedAt} stamps the events.
     *
     * @throws IllegalArgumentException when the fill belongs to another symbol or bot than {@code current}; or when a
     *                                  stop-loss, take-profit or exit fill would not only reduce: with no open
     *                                  position, on the open position's entry side (a stale stop of an earlier
     *                                  position), or larger than the position. Booking those would invent a position.
     */
    public static Booked book(TrackedPosition current, PositionFill fill, long producedAt) {
        boolean open = current != null && current.isOpen();
        if (open && (!current.position().symbol().equals(fill.symbol()) || !current.botId().equals(fill.botId()))) {
            throw new IllegalArgumentException("fill " + fill.fill().tradeId() + " of " + fill.botId() + " "
                    + fill.symbol() + " does not belong to position " + current.positionId());
        }
        if (fill.role() != OrderRole.ENTRY) {
            String refused = !open ? "found no open position to reduce"
                    : fill.fill().side() == current.position().direction().entrySide()
                    ? "is on the entry side of the open " + current.position().direction() + " position"
                    : fill.fill().quantity().compareTo(current.position().quantity()) > 0
                    ? "is larger than the open quantity " + current.position().quantity().toPlainString() : null;
            if (refused != null) {
                throw new IllegalArgumentException("a " + fill.role() + " fill (" + fill.fill().tradeId() + ") of "
                        + fill.botId() + " " + fill.symbol() + " " + refused + "; only an entry may open a position");
            }
        }
        return bookOn(current, fill, producedAt);
    }

    private static Booked bookOn(TrackedPosition current, PositionFill fill, long producedAt) {
        if (current == null || !current.isOpen()) {
            TrackedPosition opened = open(fill);
            return new Booked(List.of(opened), List.of(event(opened, PositionChange.OPENED, fill, producedAt)), null);
        }
        Position held = current.position();
        BigDecimal quantity = fill.fill().quantity();
        boolean closing = fill.fill().side() != held.direction().entrySide();
        if (closing && quantity.compareTo(held.quantity()) > 0) {
            BigDecimal fee = fill.fill().fee();
            BigDecimal closingFee = fee.multiply(held.quantity())
                    .divide(quantity, Math.max(fee.scale(), Decimals.SCALE), RoundingMode.HALF_EVEN);
            Booked closed = bookOn(current, fill.part(held.quantity(), closingFee), producedAt);
            Booked opened = bookOn(closed.current(), fill.part(quantity.subtract(held.quantity()),
                    fee.subtract(closingFee)), producedAt);
            List<PositionChanged> events = new ArrayList<>(closed.events());
            events.addAll(opened.events());
            return new Booked(List.of(closed.current(), opened.current()), events, closed.realizedPnl());
        }
        Applied applied = held.apply(fill.fill());
        Position after = applied.position();
        TrackedPosition next = new TrackedPosition(current.positionId(), current.botId(), current.venue(),
                current.signalId(), current.sequence() + 1, after, converted(current.convertedFees(), fill),
                unconverted(current.unconvertedFees(), fill), current.initialStop(),
                after.isOpen() ? null : fill.closeReason(), fill.fill().time());
        PositionChange change = after.isOpen() ? PositionChange.CHANGED : PositionChange.CLOSED;
        return new Booked(List.of(next), List.of(event(next, change, fill, producedAt)), applied.realizedPnl());
    }

    /** {@code pos-{venue}-{SYMBOL}-{tradeId}}: the opening fill names the position, so a replay names it alike. */
    public static String positionId(PositionFill fill) {
        return "pos-" + fill.venue().name().toLowerCase(Locale.ROOT) + "-" + fill.symbol().value() + "-"
                + fill.fill().tradeId();
    }

    private static TrackedPosition open(PositionFill fill) {
        Position position = Position.open(fill.symbol(), fill.contract(), fill.contractSize(), fill.marginAsset(),
                fill.fill());
        return new TrackedPosition(positionId(fill), fill.botId(), fill.venue(), fill.signalId(), 1, position,
                converted(BigDecimal.ZERO, fill), unconverted(Map.of(), fill), null, null, fill.fill().time());
    }

    private static BigDecimal converted(BigDecimal before, PositionFill fill) {
        if (isMarginFee(fill) || fill.feePrice() == null) {
            return before;
        }
        return before.add(fill.fill().fee().multiply(fill.feePrice()));
    }

    private static Map<String, BigDecimal> unconverted(Map<String, BigDecimal> before, PositionFill fill) {
        if (isMarginFee(fill) || fill.feePrice() != null || fill.fill().fee().signum() == 0) {
            return before;
        }
        Map<String, BigDecimal> after = new TreeMap<>(before);
        after.merge(fill.fill().feeAsset(), fill.fill().fee(), BigDecimal::add);
        return after;
    }

    private static boolean isMarginFee(PositionFill fill) {
        return fill.fill().feeAsset().equals(fill.marginAsset());
    }

    private static PositionChanged event(TrackedPosition position, PositionChange change, PositionFill fill,
            long producedAt) {
        return position.event(change, fill.fill().price(), fill.fill().time(), producedAt);
    }
}
