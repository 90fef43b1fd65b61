package io.tradeflow.execution.binance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One item of {@code GET /fapi/v1/userTrades}: one fill of one of our orders
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Account-Trade-List).
 * Read with {@link ExchangeAnswers#userTrades(String)}; the REST twin of a fill {@link UserEvent.OrderTradeUpdate},
 * with the same trade id and order id.
 *
 * @param tradeId          {@code id}
 * @param orderId          {@code orderId}
 * @param symbol           {@code symbol}
 * @param side             {@code side}: BUY or SELL
 * @param positionSide     {@code positionSide}; null when absent
 * @param price            {@code price}
 * @param quantity         {@code qty}: base asset
 * @param quoteQuantity    {@code quoteQty}: price x quantity, quote asset; null when absent
 * @param commission       {@code commission}
 * @param commissionAsset  {@code commissionAsset}
 * @param realizedProfit   {@code realizedPnl}: quote asset
 * @param maker            {@code maker}
 * @param time             {@code time}: epoch ms
 */
public record UserTrade(long tradeId, long orderId, String symbol, String side, String positionSide,
        BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal commission,
        String commissionAsset, BigDecimal realizedProfit, boolean maker, long time) {

    public UserTrade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(commissionAsset, "commissionAsset");
        Objects.requireNonNull(realizedProfit, "realizedProfit");
    }
}
