package io.tradeflow.execution.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The mutable records of {@link FakeAccount} (orders, algo orders, positions), and the immutable views a test
 * reads through {@link BinanceFuturesFake}. Field names follow Binance's REST answers.
 */
public final class FakeState {

    private FakeState() {
    }

    /** An order of the matching engine; {@code algoId} is the algo order it is the child of, or null. */
    public record Order(long orderId, String clientOrderId, String symbol, String side, String type, String origType,
                        BigDecimal origQty, BigDecimal price, BigDecimal stopPrice, boolean reduceOnly,
                        boolean closePosition, String status, BigDecimal executedQty, BigDecimal avgPrice,
                        Long algoId, long time, long updateTime) {
    }

    /** A conditional order; {@code quantity} is null for close-all, {@code actualOrderId} is its child. */
    public record AlgoOrder(long algoId, String clientAlgoId, String symbol, String side, String orderType,
                            BigDecimal quantity, boolean closePosition, BigDecimal triggerPrice, boolean reduceOnly,
                            String workingType, boolean priceProtect, String algoStatus, Long actualOrderId,
                            BigDecimal executedQty, BigDecimal avgPrice, long createTime, long updateTime,
                            long triggerTime) {
    }

    /**
     * A one-way-mode position: signed amount (long > 0; COIN-M: contracts), entry price, realised PnL accumulated on
     * reduces (USDT; COIN-M: the margin coin).
     */
    public record Position(String symbol, BigDecimal amount, BigDecimal entryPrice, BigDecimal realizedPnl) {
    }

    /**
     * One fill, as {@code GET /fapi/v1/userTrades} (or {@code /dapi/v1/userTrades}) lists it, taker but for resting
     * LIMITs. {@code quoteQty} is the fill's value in the quote currency: price x quantity USDT on USD-M, quantity x
     * contract size USD on COIN-M; commission and realised PnL are in {@code commissionAsset}: USDT, or COIN-M's
     * margin coin (BTC).
     */
    public record Trade(long id, long orderId, String symbol, String side, BigDecimal price, BigDecimal qty,
                        BigDecimal quoteQty, BigDecimal commission, String commissionAsset, BigDecimal realizedPnl,
                        boolean buyer, boolean maker, long time) {
    }

    /**
     * Whether a STOP_MARKET or TAKE_PROFIT_MARKET order of {@code side} with trigger {@code trigger} fires at
     * {@code price}: STOP_MARKET SELL at or below, BUY at or above; TAKE_PROFIT_MARKET the other way. Rule source: the
     * New Algo Order docs (USD-M) and the COIN-M New Order docs, "Condition orders will be triggered when"
     * (BINANCE.md, Trigger rules).
     */
    static boolean triggers(String type, String side, BigDecimal trigger, BigDecimal price) {
        boolean atOrBelow = price.compareTo(trigger) <= 0;
        boolean atOrAbove = price.compareTo(trigger) >= 0;
        boolean stop = "STOP_MARKET".equals(type);
        boolean sell = "SELL".equals(side);
        return stop == sell ? atOrBelow : atOrAbove;
    }

    static final class OrderRow {
        long orderId;
        String clientOrderId;
        String symbol;
        String side;
        String type;
        String origType;
        String timeInForce;
        String workingType = "CONTRACT_PRICE";
        BigDecimal origQty;
        BigDecimal price = BigDecimal.ZERO;
        BigDecimal stopPrice = BigDecimal.ZERO;
        boolean reduceOnly;
        boolean closePosition;
        boolean priceProtect;
        String status = "NEW";
        BigDecimal executedQty = BigDecimal.ZERO;
        BigDecimal avgPrice = BigDecimal.ZERO;
        Long algoId;
        long time;
        long updateTime;

        boolean open() {
            return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
        }

        BigDecimal cumQuote() {
            return executedQty.multiply(avgPrice);
        }

        Order view() {
            return new Order(orderId, clientOrderId, symbol, side, type, origType, origQty, price, stopPrice,
                    reduceOnly, closePosition, status, executedQty, avgPrice, algoId, time, updateTime);
        }
    }

    static final class AlgoRow {
        long algoId;
        String clientAlgoId;
        String symbol;
        String side;
        String orderType;
        BigDecimal quantity;
        boolean closePosition;
        BigDecimal triggerPrice;
        boolean reduceOnly;
        String workingType;
        boolean priceProtect;
        String timeInForce = "GTC";
        String algoStatus = "NEW";
        Long actualOrderId;
        BigDecimal executedQty = BigDecimal.ZERO;
        BigDecimal avgPrice = BigDecimal.ZERO;
        String failure;
        long createTime;
        long updateTime;
        long triggerTime;

        boolean open() {
            return "NEW".equals(algoStatus);
        }

        boolean triggersAt(BigDecimal price) {
            return triggers(orderType, side, triggerPrice, price);
        }

        AlgoOrder view() {
            return new AlgoOrder(algoId, clientAlgoId, symbol, side, orderType, quantity, closePosition, triggerPrice,
                    reduceOnly, workingType, priceProtect, algoStatus, actualOrderId, executedQty, avgPrice,
                    createTime, updateTime, triggerTime);
        }
    }

    static final class PositionRow {
        final String symbol;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal entryPrice = BigDecimal.ZERO;
        BigDecimal realizedPnl = BigDecimal.ZERO;
        String marginType = "CROSSED";
        int leverage = 20;
        long updateTime;

        PositionRow(String symbol) {
            this.symbol = symbol;
        }

        /**
         * Books a fill of signed quantity {@code delta} at {@code price} in one-way mode and answers the PnL it
         * realised: a reduce realises (price - entry) x closed quantity x the position's sign; an add averages the
         * entry; a flip opens the rest at {@code price}.
         */
        BigDecimal apply(BigDecimal delta, BigDecimal price, long time) {
            BigDecimal realized = BigDecimal.ZERO;
            BigDecimal after = amount.add(delta);
            if (amount.signum() == 0 || amount.signum() == delta.signum()) {
                BigDecimal cost = amount.abs().multiply(entryPrice).add(delta.abs().multiply(price));
                entryPrice = cost.divide(after.abs(), 8, RoundingMode.HALF_UP).stripTrailingZeros();
            } else {
                BigDecimal closed = delta.abs().min(amount.abs());
                realized = price.subtract(entryPrice).multiply(closed).multiply(BigDecimal.valueOf(amount.signum()))
                        .setScale(8, RoundingMode.HALF_UP);
                if (after.signum() == 0) {
                    entryPrice = BigDecimal.ZERO;
                } else if (after.signum() != amount.signum()) {
                    entryPrice = price;
                }
            }
            amount = after;
            realizedPnl = realizedPnl.add(realized);
            updateTime = time;
            return realized;
        }

        Position view() {
            return new Position(symbol, amount, entryPrice, realizedPnl);
        }
    }
}
