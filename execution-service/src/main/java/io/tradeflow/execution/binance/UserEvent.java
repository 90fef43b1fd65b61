package io.tradeflow.execution.binance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One event of Binance's USD-M futures user-data stream, read by {@link UserEvents#parse(String)}
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams). Each record documents the
 * Binance letter every value comes from; those letters stay in this package. Decimals are exact {@link BigDecimal}s
 * as Binance wrote them (scale kept), times are epoch milliseconds, enumerations (side, status...) are Binance's own
 * strings so a value Binance adds later passes through instead of failing the event. A value documented "null when
 * absent" is one that older payloads or some event kinds leave out.
 */
public sealed interface UserEvent
        permits UserEvent.OrderTradeUpdate, UserEvent.AlgoUpdate, UserEvent.AccountUpdate, UserEvent.ListenKeyExpired,
        UserEvent.Other {

    /** {@code E}: when Binance produced the event, epoch ms; the docs recommend it for ordering across event types. */
    long eventTime();

    /**
     * {@code ORDER_TRADE_UPDATE}: an order was accepted, filled (in part), canceled, expired, amended or liquidated
     * (https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update).
     * A conditional order's child (after its {@link AlgoUpdate} trigger) reports here with its own ids.
     *
     * @param eventTime                {@code E}: event time, epoch ms
     * @param transactionTime          {@code T}: matching-engine time, epoch ms
     * @param symbol                   {@code o.s}: e.g. BTCUSDT
     * @param clientOrderId            {@code o.c}: our {@code newClientOrderId}, or Binance's for orders it made
     *                                 (a triggered child, {@code autoclose-}, {@code adl_autoclose})
     * @param side                     {@code o.S}: BUY or SELL
     * @param orderType                {@code o.o}: MARKET, LIMIT, STOP_MARKET, TAKE_PROFIT_MARKET, LIQUIDATION...
     * @param timeInForce              {@code o.f}: GTC, IOC, FOK, GTX, GTD; null when absent
     * @param originalQuantity         {@code o.q}: ordered quantity, base asset
     * @param originalPrice            {@code o.p}: limit price, 0 for market orders; null when absent
     * @param averagePrice             {@code o.ap}: average fill price so far, 0 before the first fill
     * @param stopPrice                {@code o.sp}: stop price; null when absent
     * @param executionType            {@code o.x}: NEW, CANCELED, CALCULATED (liquidation), EXPIRED, TRADE, AMENDMENT
     * @param status                   {@code o.X}: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH
     * @param orderId                  {@code o.i}: Binance's order id
     * @param lastFilledQuantity       {@code o.l}: quantity of this fill, 0 when the event is not a fill
     * @param cumulativeFilledQuantity {@code o.z}: filled so far, base asset
     * @param lastFilledPrice          {@code o.L}: price of this fill, 0 when the event is not a fill
     * @param commissionAsset          {@code o.N}: asset the commission of this fill is paid in; null when absent
     *                                 (older payloads, events without a fill)
     * @param commission               {@code o.n}: commission of this fill; null when absent
     * @param tradeTime                {@code o.T}: order trade time, epoch ms
     * @param tradeId                  {@code o.t}: trade id of this fill, 0 when the event is not a fill
     * @param maker                    {@code o.m}: this fill was on the maker side
     * @param reduceOnly               {@code o.R}: the order is reduce-only
     * @param workingType              {@code o.wt}: MARK_PRICE or CONTRACT_PRICE for stop orders; null when absent
     * @param originalOrderType        {@code o.ot}: the type the order was placed as (a triggered child's
     *                                 STOP_MARKET or TAKE_PROFIT_MARKET while {@code orderType} says MARKET); null
     *                                 when absent
     * @param positionSide             {@code o.ps}: BOTH in one-way mode, LONG or SHORT in hedge mode
     * @param closePosition            {@code o.cp}: a close-all conditional order; false when absent
     * @param realizedProfit           {@code o.rp}: profit realised by this fill, quote asset; null when absent
     * @param expiryReason             {@code o.er}: why an EXPIRED order expired (Order Update docs, "Expiry Reason");
     *                                 {@link #STOP_TRIGGERED} for a stop order whose trigger fired (the MARKET order
     *                                 that executes it follows under the same order id); 0 when absent
     */
    record OrderTradeUpdate(long eventTime, long transactionTime, String symbol, String clientOrderId, String side,
            String orderType, String timeInForce, BigDecimal originalQuantity, BigDecimal originalPrice,
            BigDecimal averagePrice, BigDecimal stopPrice, String executionType, String status, long orderId,
            BigDecimal lastFilledQuantity, BigDecimal cumulativeFilledQuantity, BigDecimal lastFilledPrice,
            String commissionAsset, BigDecimal commission, long tradeTime, long tradeId, boolean maker,
            boolean reduceOnly, String workingType, String originalOrderType, String positionSide,
            boolean closePosition, BigDecimal realizedProfit, int expiryReason) implements UserEvent {

        /** Expiry reason 8: "the initial order has expired after the stop order is triggered". */
        public static final int STOP_TRIGGERED = 8;

        public OrderTradeUpdate {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(orderType, "orderType");
            Objects.requireNonNull(originalQuantity, "originalQuantity");
            Objects.requireNonNull(averagePrice, "averagePrice");
            Objects.requireNonNull(executionType, "executionType");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(lastFilledQuantity, "lastFilledQuantity");
            Objects.requireNonNull(cumulativeFilledQuantity, "cumulativeFilledQuantity");
            Objects.requireNonNull(lastFilledPrice, "lastFilledPrice");
            Objects.requireNonNull(positionSide, "positionSide");
        }

        /** True when this event reports a fill ({@code x} = TRADE, or CALCULATED for a liquidation fill). */
        public boolean isFill() {
            return ("TRADE".equals(executionType) || "CALCULATED".equals(executionType))
                    && lastFilledQuantity.signum() > 0;
        }
    }

    /**
     * {@code ALGO_UPDATE}: a conditional (algo) order placed with {@code POST /fapi/v1/algoOrder} changed state
     * (https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Algo-Order-Update).
     * Once triggered it has a child order, {@link #actualOrderId()}, whose fills come as {@link OrderTradeUpdate}s,
     * possibly before this event: link them by that id, in whatever order they arrive.
     *
     * @param eventTime         {@code E}: event time, epoch ms
     * @param transactionTime   {@code T}: transaction time, epoch ms
     * @param clientAlgoId      {@code o.caid}: our {@code clientAlgoId}
     * @param algoId            {@code o.aid}: Binance's algo order id (not an order id: GET /fapi/v1/order does not
     *                          know it)
     * @param algoType          {@code o.at}: CONDITIONAL; null when absent
     * @param orderType         {@code o.o}: STOP_MARKET, TAKE_PROFIT_MARKET, STOP, TAKE_PROFIT, TRAILING_STOP_MARKET
     * @param symbol            {@code o.s}
     * @param side              {@code o.S}: BUY or SELL
     * @param positionSide      {@code o.ps}: BOTH, LONG or SHORT
     * @param timeInForce       {@code o.f}; null when absent
     * @param quantity          {@code o.q}: ordered quantity (0 with close-all)
     * @param algoStatus        {@code o.X}: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED
     * @param actualOrderId     {@code o.ai}: the child order's id ({@code i} of its ORDER_TRADE_UPDATE); empty while
     *                          Binance sends {@code ""}, i.e. until the order is triggered
     * @param averagePrice      {@code o.ap}: average fill price of the child; null when absent
     * @param executedQuantity  {@code o.aq}: filled quantity of the child; null when absent
     * @param actualOrderType   {@code o.act}: the child's order type (e.g. MARKET; the docs example shows "0" before
     *                          a trigger); null when absent
     * @param triggerPrice      {@code o.tp}
     * @param price             {@code o.p}: limit price, 0 for market types; null when absent
     * @param workingType       {@code o.wt}: MARK_PRICE or CONTRACT_PRICE; null when absent
     * @param closePosition     {@code o.cp}: close-all; false when absent
     * @param priceProtect      {@code o.pP}; false when absent
     * @param reduceOnly        {@code o.R}; false when absent
     * @param triggerTime       {@code o.tt}: when it triggered, epoch ms; 0 before (and when absent)
     * @param failureReason     {@code o.rm}: why it failed or was canceled; null when absent or empty
     */
    record AlgoUpdate(long eventTime, long transactionTime, String clientAlgoId, long algoId, String algoType,
            String orderType, String symbol, String side, String positionSide, String timeInForce,
            BigDecimal quantity, String algoStatus, OptionalLong actualOrderId, BigDecimal averagePrice,
            BigDecimal executedQuantity, String actualOrderType, BigDecimal triggerPrice, BigDecimal price,
            String workingType, boolean closePosition, boolean priceProtect, boolean reduceOnly, long triggerTime,
            String failureReason) implements UserEvent {

        public AlgoUpdate {
            Objects.requireNonNull(clientAlgoId, "clientAlgoId");
            Objects.requireNonNull(orderType, "orderType");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(positionSide, "positionSide");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(algoStatus, "algoStatus");
            Objects.requireNonNull(actualOrderId, "actualOrderId");
            Objects.requireNonNull(triggerPrice, "triggerPrice");
        }
    }

    /**
     * {@code ACCOUNT_UPDATE}: balances and positions that changed
     * (https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Balance-and-Position-Update).
     * Only changed assets and symbols are listed; a position closed to zero is listed with amount 0.
     *
     * @param eventTime       {@code E}: event time, epoch ms
     * @param transactionTime {@code T}: transaction time, epoch ms
     * @param reason          {@code a.m}: ORDER, FUNDING_FEE, DEPOSIT, WITHDRAW, MARGIN_TRANSFER, ADL,
     *                        INSURANCE_CLEAR...
     * @param balances        {@code a.B}: changed balances; empty when absent
     * @param positions       {@code a.P}: changed positions; empty when absent (a cross-margin funding fee changes
     *                        only a balance)
     */
    record AccountUpdate(long eventTime, long transactionTime, String reason, List<Balance> balances,
            List<PositionState> positions) implements UserEvent {

        public AccountUpdate {
            Objects.requireNonNull(reason, "reason");
            balances = List.copyOf(balances);
            positions = List.copyOf(positions);
        }

        /**
         * One changed asset balance.
         *
         * @param asset              {@code a}: e.g. USDT
         * @param walletBalance      {@code wb}
         * @param crossWalletBalance {@code cw}
         * @param balanceChange      {@code bc}: change except PnL and commission; null when absent (older payloads)
         */
        public record Balance(String asset, BigDecimal walletBalance, BigDecimal crossWalletBalance,
                BigDecimal balanceChange) {

            public Balance {
                Objects.requireNonNull(asset, "asset");
                Objects.requireNonNull(walletBalance, "walletBalance");
                Objects.requireNonNull(crossWalletBalance, "crossWalletBalance");
            }
        }

        /**
         * The new state of one changed position.
         *
         * @param symbol                  {@code s}
         * @param positionAmount          {@code pa}: signed, negative for short, base asset
         * @param entryPrice              {@code ep}
         * @param breakEvenPrice          {@code bep}; null when absent (older payloads)
         * @param accumulatedRealized     {@code cr}: pre-fee accumulated realised PnL; null when absent
         * @param unrealizedProfit        {@code up}
         * @param marginType              {@code mt}: isolated or cross; null when absent
         * @param isolatedWallet          {@code iw}: isolated margin; null when absent
         * @param positionSide            {@code ps}: BOTH, LONG or SHORT
         */
        public record PositionState(String symbol, BigDecimal positionAmount, BigDecimal entryPrice,
                BigDecimal breakEvenPrice, BigDecimal accumulatedRealized, BigDecimal unrealizedProfit,
                String marginType, BigDecimal isolatedWallet, String positionSide) {

            public PositionState {
                Objects.requireNonNull(symbol, "symbol");
                Objects.requireNonNull(positionAmount, "positionAmount");
                Objects.requireNonNull(entryPrice, "entryPrice");
                Objects.requireNonNull(unrealizedProfit, "unrealizedProfit");
                Objects.requireNonNull(positionSide, "positionSide");
            }
        }
    }

    /**
     * {@code listenKeyExpired}: the stream's listen key expired; create one again ({@code POST /fapi/v1/listenKey}),
     * reconnect, then recover what was missed over REST
     * (https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-User-Data-Stream-Expired).
     *
     * @param eventTime {@code E}: event time, epoch ms
     * @param listenKey {@code listenKey}: the key that expired; null when absent. Kept out of {@link #toString()}.
     */
    record ListenKeyExpired(long eventTime, String listenKey) implements UserEvent {

        @Override
        public String toString() {
            return "ListenKeyExpired[eventTime=" + eventTime + ", listenKey=" + (listenKey == null ? "none" : "***")
                    + "]";
        }
    }

    /**
     * An event this service does not act on.
     *
     * @param eventTime {@code E}: event time, epoch ms
     * @param eventType {@code e}: e.g. TRADE_LITE, ACCOUNT_CONFIG_UPDATE, MARGIN_CALL
     * @param known     true for a type Binance documents ({@link UserEvents#IGNORED_TYPES}), false for one it added
     *                  since: worth a log line
     */
    record Other(long eventTime, String eventType, boolean known) implements UserEvent {

        public Other {
            Objects.requireNonNull(eventType, "eventType");
        }
    }
}
