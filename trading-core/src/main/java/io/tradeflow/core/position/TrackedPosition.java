package io.tradeflow.core.position;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.PositionChanged;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bot's position as position-service keeps it: the accounting ({@link Position}) and what publishing and judging it
 * needs besides. Immutable; {@link PositionBook} makes the next one.
 *
 * @param positionId      {@code pos-{venue}-{SYMBOL}-{tradeId of the opening fill}}, lower-case venue
 * @param signalId        the signal whose entry opened it, null when none did; its stop-loss order sets the initial
 *                        stop
 * @param sequence        1 when opened, one more per change: the {@code PositionChanged} sequence
 * @param convertedFees   fees charged in another asset than the margin asset, converted into the margin asset at the
 *                        price known at each fill's time, summed (exact: fee x price)
 * @param unconvertedFees fees in another asset for which no price was known, by asset
 * @param initialStop     the stop-loss trigger of the opening signal's bracket, the risk R is measured against; null
 *                        until known
 * @param closeReason     why it closed; null while open
 * @param updatedAt       time of the last fill, epoch ms
 */
public record TrackedPosition(String positionId, String botId, Venue venue, String signalId, long sequence,
        Position position, BigDecimal convertedFees, Map<String, BigDecimal> unconvertedFees, BigDecimal initialStop,
        CloseReason closeReason, long updatedAt) {

    public TrackedPosition {
        Objects.requireNonNull(positionId, "positionId");
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(venue, "venue");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence " + sequence + " is not 1 or more");
        }
        Objects.requireNonNull(position, "position");
        convertedFees = Decimals.requireNotNegative("convertedFees", convertedFees);
        TreeMap<String, BigDecimal> sorted = new TreeMap<>();
        Objects.requireNonNull(unconvertedFees, "unconvertedFees").forEach((asset, fee) ->
                sorted.put(Decimals.requireAsset("unconverted fee asset", asset),
                        Decimals.requireNotNegative("unconverted fee in " + asset, fee)));
        unconvertedFees = Collections.unmodifiableSortedMap(sorted);
        if (initialStop != null) {
            Decimals.requirePositive("initialStop", initialStop);
        }
        if (position.isOpen() != (closeReason == null)) {
            throw new IllegalArgumentException("closeReason " + closeReason + " does not fit a position that is "
                    + (position.isOpen() ? "open" : "closed"));
        }
    }

    public boolean isOpen() {
        return position.isOpen();
    }

    /** The fees charged in the margin asset. */
    public BigDecimal marginFees() {
        return position.fee(position.marginAsset());
    }

    /** Fees in every other asset, as charged (converted or not), by asset. */
    public Map<String, BigDecimal> otherFees() {
        TreeMap<String, BigDecimal> other = new TreeMap<>(position.fees());
        other.remove(position.marginAsset());
        return Collections.unmodifiableSortedMap(other);
    }

    /** What the fees cost in the margin asset, as far as known: {@link #marginFees()} + {@link #convertedFees}. */
    public BigDecimal knownFees() {
        return marginFees().add(convertedFees);
    }

    /** Realized PnL after the fees known in the margin asset: {@code realizedPnl - marginFees - convertedFees}. */
    public BigDecimal netRealizedPnl() {
        return position.realizedPnl().subtract(knownFees());
    }

    /**
     * What the trade risked at its initial stop, in the margin asset: {@link Contract#pnl} of the whole quantity
     * (open and closed) from the average entry to the stop, as a positive amount. Empty until the stop is known or when
     * the stop is at the entry.
     */
    public Optional<BigDecimal> risk() {
        if (initialStop == null) {
            return Optional.empty();
        }
        BigDecimal quantity = position.quantity().add(position.closedQuantity());
        BigDecimal risk = position.contract().pnl(position.direction(), quantity, position.entryPrice(), initialStop,
                position.contractSize()).abs();
        return risk.signum() == 0 ? Optional.empty() : Optional.of(risk);
    }

    /** Net realized PnL in units of {@link #risk()} (R multiple), 8 places HALF_EVEN; empty while the risk is unknown. */
    public Optional<BigDecimal> rMultiple() {
        return risk().map(r -> Decimals.divide(netRealizedPnl(), r));
    }

    /** The same position with its initial stop. */
    public TrackedPosition withInitialStop(BigDecimal stop) {
        return new TrackedPosition(positionId, botId, venue, signalId, sequence, position, convertedFees,
                unconvertedFees, stop, closeReason, updatedAt);
    }

    /**
     * The event for this state: {@code change} as given, unrealized PnL at {@code markPrice} (the fill's price when a
     * fill caused it), {@code quantity} the open size or, once closed, the closed size.
     */
    public PositionChanged event(PositionChange change, BigDecimal markPrice, long eventTime, long producedAt) {
        Position p = position;
        return new PositionChanged(positionId, sequence, botId, p.symbol(), venue, p.direction(), change,
                p.isOpen() ? p.quantity() : p.closedQuantity(), p.entryPrice(), p.exitPrice(), markPrice,
                p.realizedPnl(), p.unrealizedPnl(markPrice), marginFees(), p.openedAt(),
                p.isOpen() ? null : p.closedAt(), p.marginAsset(), closeReason, otherFees(),
                convertedFees.signum() == 0 ? null : convertedFees, unconvertedFees, netRealizedPnl(), eventTime,
                producedAt);
    }
}
