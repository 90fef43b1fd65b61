package io.tradeflow.execution.binance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as Binance's REST answers describe it: {@code POST /fapi/v1/order} with {@code newOrderRespType=RESULT},
 * {@code GET /fapi/v1/order}, {@code DELETE /fapi/v1/order}, items of {@code GET /fapi/v1/openOrders} and of
 * {@code POST /fapi/v1/batchOrders}
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api). Read with
 * {@link ExchangeAnswers#order(String)}; each value names the JSON field it comes from.
 *
 * @param orderId                 {@code orderId}
 * @param clientOrderId           {@code clientOrderId}: our {@code newClientOrderId}
 * @param symbol                  {@code symbol}
 * @param status                  {@code status}: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH
 * @param orderType               {@code type}: MARKET, LIMIT...
 * @param originalOrderType       {@code origType}; null when absent
 * @param side                    {@code side}: BUY or SELL
 * @param positionSide            {@code positionSide}: BOTH, LONG or SHORT
 * @param timeInForce             {@code timeInForce}; null when absent
 * @param originalQuantity        {@code origQty}: ordered quantity, base asset
 * @param price                   {@code price}: limit price, 0 for market orders; null when absent
 * @param stopPrice               {@code stopPrice}; null when absent
 * @param executedQuantity        {@code executedQty}: filled so far, base asset
 * @param cumulativeQuantity      {@code cumQty}; null when absent (GET answers leave it out)
 * @param cumulativeQuote         {@code cumQuote}: filled notional, quote asset; null when absent (the SDK fixture
 *                                of the new-order answer has none)
 * @param averagePrice            {@code avgPrice}: average fill price, 0 before a fill; null when absent
 * @param reduceOnly              {@code reduceOnly}
 * @param closePosition           {@code closePosition}; false when absent
 * @param workingType             {@code workingType}: MARK_PRICE or CONTRACT_PRICE; null when absent
 * @param time                    {@code time}: creation time, epoch ms; 0 when absent (only GET answers carry it)
 * @param updateTime              {@code updateTime}: epoch ms
 */
public record OrderAnswer(long orderId, String clientOrderId, String symbol, String status, String orderType,
        String originalOrderType, String side, String positionSide, String timeInForce, BigDecimal originalQuantity,
        BigDecimal price, BigDecimal stopPrice, BigDecimal executedQuantity, BigDecimal cumulativeQuantity,
        BigDecimal cumulativeQuote, BigDecimal averagePrice, boolean reduceOnly, boolean closePosition,
        String workingType, long time, long updateTime) {

    public OrderAnswer {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(orderType, "orderType");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(positionSide, "positionSide");
        Objects.requireNonNull(originalQuantity, "originalQuantity");
        Objects.requireNonNull(executedQuantity, "executedQuantity");
    }
}
