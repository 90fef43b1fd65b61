package io.tradeflow.core.position;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fill of a bot's order, with what accounting it needs: the contract it trades and the price of its fee asset.
 * Built from an {@code OrderUpdated} that carries a fill.
 *
 * @param contractSize USD per contract for INVERSE, 1 for LINEAR
 * @param marginAsset  the asset PnL is in (USDT for USD-M, the coin for COIN-M)
 * @param signalId     the signal the order came from, null for an order no signal caused
 * @param role         the order's role, which says why a position it closes closed
 * @param statedReason the order's own close reason (an EXIT order says SIGNAL_EXIT, REVERSAL, MANUAL or LIQUIDATION),
 *                     or null
 * @param feePrice     the price of one unit of the fee asset in the margin asset at the fill's time (BNB in USDT), or
 *                     null when it is not known or not needed; the fee is then reported apart, never added as if it
 *                     were the margin asset
 */
public record PositionFill(String botId, Symbol symbol, Venue venue, Contract contract, BigDecimal contractSize,
        String marginAsset, Fill fill, String signalId, OrderRole role, CloseReason statedReason,
        BigDecimal feePrice) {

    public PositionFill {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(contract, "contract");
        Decimals.requirePositive("contractSize", contractSize);
        Decimals.requireAsset("marginAsset", marginAsset);
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(role, "role");
        if (feePrice != null) {
            Decimals.requirePositive("feePrice", feePrice);
        }
    }

    /**
     * Why a position this fill closes closed: the role for a stop-loss or take-profit; an exit order's stated reason,
     * else a signal exit when a signal caused it and manual when none did; an entry order that closes (the venue
     * reversed in one order) is a reversal.
     */
    public CloseReason closeReason() {
        return switch (role) {
            case STOP_LOSS -> CloseReason.STOP_LOSS;
            case TAKE_PROFIT -> CloseReason.TAKE_PROFIT;
            case ENTRY -> CloseReason.REVERSAL;
            case EXIT -> statedReason != null ? statedReason
                    : signalId == null ? CloseReason.MANUAL : CloseReason.SIGNAL_EXIT;
        };
    }

    /** The same fill with another share of it: {@code quantity} and {@code fee} replaced. */
    PositionFill part(BigDecimal quantity, BigDecimal fee) {
        Fill part = new Fill(fill.side(), quantity, fill.price(), fee, fill.feeAsset(), fill.time(), fill.tradeId());
        return new PositionFill(botId, symbol, venue, contract, contractSize, marginAsset, part, signalId, role,
                statedReason, feePrice);
    }
}
