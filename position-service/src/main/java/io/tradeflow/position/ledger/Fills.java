package io.tradeflow.position.ledger;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Fill;
import io.tradeflow.core.position.PositionFill;
import io.tradeflow.position.persistence.TradeKey;
import java.math.BigDecimal;

/** Reads the fill out of an {@code OrderUpdated}. */
public final class Fills {
    private Fills() {
    }

    /** True when the event reports a fill ({@code lastFillQuantity} and {@code lastFillPrice}). */
    public static boolean isFill(OrderUpdated order) {
        return order.lastFillQuantity() != null && order.lastFillPrice() != null;
    }

    /**
     * The fill's unique key: venue, client order id and the venue's trade id.
     *
     * @throws UnbookableFill when the event has no trade id: every venue reports one with a fill (Binance's {@code t},
     *                        the paper venue's own), and a key made up without it would not recognise the same fill
     *                        reported again with it
     */
    public static TradeKey key(OrderUpdated order) {
        if (order.tradeId() == null) {
            throw new UnbookableFill("fill " + order.eventId() + " carries no tradeId: it cannot be told apart from"
                    + " the same fill reported again, so it is not booked");
        }
        return new TradeKey(order.venue().name(), order.clientOrderId(), order.tradeId());
    }

    /** The fee asset's price in the margin asset is needed: the fee was charged in another asset. */
    public static boolean needsFeePrice(OrderUpdated order) {
        return isFill(order) && order.fee() != null && order.fee().signum() > 0 && order.marginAsset() != null
                && !order.feeAsset().equals(order.marginAsset());
    }

    /**
     * The fill in trading-core's words. A missing fee is a fee of 0 in the margin asset.
     *
     * @param feePrice the fee asset's price in the margin asset at fill time, or null when unknown
     * @throws UnbookableFill naming what is missing or out of range
     */
    public static PositionFill of(OrderUpdated order, BigDecimal feePrice) {
        if (order.market() == null || order.marginAsset() == null) {
            throw new UnbookableFill("fill " + key(order) + " carries no market and marginAsset: position-service"
                    + " cannot tell how to account it (published by an execution-service older than these fields?)");
        }
        Contract contract = Contract.of(order.market());
        BigDecimal contractSize = order.market() == Market.USD_M ? BigDecimal.ONE : order.contractSize();
        if (contractSize == null) {
            throw new UnbookableFill("COIN-M fill " + key(order) + " carries no contractSize");
        }
        try {
            Fill fill = new Fill(order.side(), order.lastFillQuantity(), order.lastFillPrice(),
                    order.fee() == null ? BigDecimal.ZERO : order.fee(),
                    order.feeAsset() == null ? order.marginAsset() : order.feeAsset(), order.eventTime(),
                    order.tradeId());
            return new PositionFill(order.botId(), order.symbol(), order.venue(), contract, contractSize,
                    order.marginAsset(), fill, order.signalId(), order.role(), order.closeReason(), feePrice);
        } catch (IllegalArgumentException e) {
            throw new UnbookableFill("fill " + key(order) + " cannot be booked: " + e.getMessage(), e);
        }
    }
}
