package io.tradeflow.pipeline;

import io.tradeflow.core.domain.Side;
import io.tradeflow.core.event.OrderUpdated;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a position ledger must make of one bot's fills in the in-process run, worked out from the paper venue's own
 * figures ({@code OrderUpdated.realizedPnl} and {@code fee} of each fill) and none of position-service's code: a
 * position opens at a fill while the bot is flat, takes every fill until its net quantity is back to 0, and is named
 * after its opening fill ({@code pos-{venue}-{SYMBOL}-{tradeId}}, docs/events.md); its {@code PositionChanged} events
 * are numbered 1, 2, ... one per fill. A fill that would take the position through 0 (a reversal in one fill, which
 * position-service splits) fails the fold: the Trader closes before it reverses, so the paper run has none.
 *
 * @param tradeKeys       {@code venue|clientOrderId|tradeId} of each fill, in order: the key of a trades row
 * @param realizedByTrade each fill's realized PnL before fees as the paper venue reports it, by trade key (null for a
 *                        fill that only opens)
 * @param eventIds        the {@code PositionChanged} event ids, in order
 * @param closed          the positions closed by the end, in the order they closed
 */
record PaperFills(List<String> tradeKeys, Map<String, BigDecimal> realizedByTrade, List<String> eventIds,
        Map<String, Closed> closed) {

    /** A closed position's realized PnL before fees and its fees, both in the margin asset (USDT). */
    record Closed(BigDecimal realizedPnl, BigDecimal fees) {
        BigDecimal netRealizedPnl() {
            return realizedPnl.subtract(fees);
        }

        String described() {
            return described(realizedPnl, fees, netRealizedPnl());
        }

        /** Realized, fees and net realized PnL of a position, without trailing zeros: equal text is equal value. */
        static String described(BigDecimal realizedPnl, BigDecimal fees, BigDecimal netRealizedPnl) {
            return "realized " + plain(realizedPnl) + ", fees " + plain(fees) + ", net " + plain(netRealizedPnl);
        }
    }

    static PaperFills of(List<OrderUpdated> orders) {
        List<String> keys = new ArrayList<>();
        Map<String, BigDecimal> realizedByTrade = new LinkedHashMap<>();
        List<String> eventIds = new ArrayList<>();
        Map<String, Closed> closed = new LinkedHashMap<>();
        BigDecimal net = BigDecimal.ZERO;
        String positionId = null;
        int sequence = 0;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (OrderUpdated fill : orders.stream().filter(o -> o.lastFillQuantity() != null).toList()) {
            if (fill.tradeId() == null || !fill.feeAsset().equals(fill.marginAsset())) {
                throw new IllegalStateException("expected paper fills with a trade id and fees in the margin asset: " + fill);
            }
            String key = fill.venue().name() + "|" + fill.clientOrderId() + "|" + fill.tradeId();
            keys.add(key);
            realizedByTrade.put(key, fill.realizedPnl());
            if (net.signum() == 0) {
                positionId = "pos-" + fill.venue().name().toLowerCase(Locale.ROOT) + "-" + fill.symbol().value() + "-"
                        + fill.tradeId();
                sequence = 0;
                realized = BigDecimal.ZERO;
                fees = BigDecimal.ZERO;
            }
            BigDecimal after = net.add(fill.side() == Side.BUY ? fill.lastFillQuantity() : fill.lastFillQuantity().negate());
            if (net.signum() != 0 && after.signum() == -net.signum()) {
                throw new IllegalStateException("fill " + key + " reverses position " + positionId + " in one fill");
            }
            net = after;
            eventIds.add(positionId + "-" + ++sequence);
            realized = fill.realizedPnl() == null ? realized : realized.add(fill.realizedPnl());
            fees = fees.add(fill.fee());
            if (net.signum() == 0) {
                closed.put(positionId, new Closed(realized, fees));
            }
        }
        return new PaperFills(List.copyOf(keys), realizedByTrade, List.copyOf(eventIds), closed);
    }

    /** Sum of the closed positions' realized PnL before fees. */
    BigDecimal realizedPnl() {
        return closed.values().stream().map(Closed::realizedPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Sum of the closed positions' realized PnL less their fees. */
    BigDecimal netRealizedPnl() {
        return closed.values().stream().map(Closed::netRealizedPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Each closed position as {@link Closed#described}, by position id. */
    Map<String, String> closedDescribed() {
        Map<String, String> described = new LinkedHashMap<>();
        closed.forEach((id, position) -> described.put(id, position.described()));
        return described;
    }

    /** A decimal without trailing zeros in plain notation, or "null". */
    static String plain(BigDecimal value) {
        return value == null ? "null" : value.stripTrailingZeros().toPlainString();
    }
}
