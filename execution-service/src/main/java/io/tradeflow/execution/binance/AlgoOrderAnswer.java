package io.tradeflow.execution.binance;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A conditional (algo) order as Binance's REST answers describe it: {@code POST /fapi/v1/algoOrder},
 * {@code GET /fapi/v1/algoOrder}, items of {@code GET /fapi/v1/openAlgoOrders}
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Algo-Order,
 * .../Query-Algo-Order, .../Current-All-Algo-Open-Orders). Read with {@link ExchangeAnswers#algoOrder(String)}.
 *
 * @param algoId          {@code algoId}: not an order id ({@code GET /fapi/v1/order} answers -2013 for it)
 * @param clientAlgoId    {@code clientAlgoId}: ours
 * @param algoType        {@code algoType}: CONDITIONAL; null when absent
 * @param orderType       {@code orderType}: STOP_MARKET, TAKE_PROFIT_MARKET, STOP, TAKE_PROFIT, TRAILING_STOP_MARKET
 * @param symbol          {@code symbol}
 * @param side            {@code side}: BUY or SELL
 * @param positionSide    {@code positionSide}: BOTH, LONG or SHORT; null when absent
 * @param timeInForce     {@code timeInForce}; null when absent
 * @param quantity        {@code quantity} (0 with close-all)
 * @param algoStatus      {@code algoStatus}: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED
 * @param actualOrderId   {@code actualOrderId}: the child order once triggered; empty while Binance sends {@code ""}
 *                        and in the create answer, which has no such field
 * @param actualPrice     {@code actualPrice}: the child's price; null when absent
 * @param triggerPrice    {@code triggerPrice}
 * @param price           {@code price}: limit price, 0 for market types; null when absent
 * @param workingType     {@code workingType}: MARK_PRICE or CONTRACT_PRICE; null when absent
 * @param closePosition   {@code closePosition}; false when absent
 * @param priceProtect    {@code priceProtect}; false when absent
 * @param reduceOnly      {@code reduceOnly}; false when absent
 * @param activatePrice   {@code activatePrice} (trailing stops); null when absent or {@code ""}
 * @param callbackRate    {@code callbackRate} (trailing stops, percent); null when absent or {@code ""}
 * @param createTime      {@code createTime}: epoch ms
 * @param updateTime      {@code updateTime}: epoch ms
 * @param triggerTime     {@code triggerTime}: epoch ms, 0 before the trigger (and when absent)
 */
public record AlgoOrderAnswer(long algoId, String clientAlgoId, String algoType, String orderType, String symbol,
        String side, String positionSide, String timeInForce, BigDecimal quantity, String algoStatus,
        OptionalLong actualOrderId, BigDecimal actualPrice, BigDecimal triggerPrice, BigDecimal price,
        String workingType, boolean closePosition, boolean priceProtect, boolean reduceOnly, BigDecimal activatePrice,
        BigDecimal callbackRate, long createTime, long updateTime, long triggerTime) {

    public AlgoOrderAnswer {
        Objects.requireNonNull(clientAlgoId, "clientAlgoId");
        Objects.requireNonNull(orderType, "orderType");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(algoStatus, "algoStatus");
        Objects.requireNonNull(actualOrderId, "actualOrderId");
        Objects.requireNonNull(triggerPrice, "triggerPrice");
    }
}
