package io.tradeflow.execution.binance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One item of {@code GET /fapi/v3/positionRisk}: a symbol with a position or open orders
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V3).
 * Read with {@link ExchangeAnswers#positionRisks(String)}. V3 has no leverage or margin type (V2 had).
 *
 * @param symbol                {@code symbol}
 * @param positionSide          {@code positionSide}: BOTH in one-way mode, LONG or SHORT in hedge mode
 * @param positionAmount        {@code positionAmt}: signed, negative for short, base asset
 * @param entryPrice            {@code entryPrice}
 * @param breakEvenPrice        {@code breakEvenPrice}; null when absent
 * @param markPrice             {@code markPrice}
 * @param unrealizedProfit      {@code unRealizedProfit}
 * @param liquidationPrice      {@code liquidationPrice}, 0 when none; null when absent
 * @param isolatedMargin        {@code isolatedMargin}; null when absent
 * @param notional              {@code notional}: signed, quote asset; null when absent
 * @param marginAsset           {@code marginAsset}; null when absent
 * @param initialMargin         {@code initialMargin}; null when absent
 * @param maintenanceMargin     {@code maintMargin}; null when absent
 * @param updateTime            {@code updateTime}: epoch ms (0 for a side never traded)
 */
public record PositionRisk(String symbol, String positionSide, BigDecimal positionAmount, BigDecimal entryPrice,
        BigDecimal breakEvenPrice, BigDecimal markPrice, BigDecimal unrealizedProfit, BigDecimal liquidationPrice,
        BigDecimal isolatedMargin, BigDecimal notional, String marginAsset, BigDecimal initialMargin,
        BigDecimal maintenanceMargin, long updateTime) {

    public PositionRisk {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(positionSide, "positionSide");
        Objects.requireNonNull(positionAmount, "positionAmount");
        Objects.requireNonNull(entryPrice, "entryPrice");
        Objects.requireNonNull(markPrice, "markPrice");
        Objects.requireNonNull(unrealizedProfit, "unrealizedProfit");
    }
}
