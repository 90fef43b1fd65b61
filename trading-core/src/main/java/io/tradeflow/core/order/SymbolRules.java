package io.tradeflow.core.order;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the exchange accepts for one symbol, in neutral words, and the exact rounding that follows from it. Built from
 * Binance's {@code exchangeInfo} filters (USD-M {@code GET /fapi/v1/exchangeInfo}, COIN-M {@code GET /dapi/v1/exchangeInfo};
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information) by
 * execution-service. Do not derive tick or step from {@code pricePrecision}/{@code quantityPrecision}: they are not the
 * filters.
 *
 * <p>Every result carries the scale of the tick or step it was rounded to, so {@code toPlainString()} gives what Binance
 * expects on the wire ({@code 0.028}, {@code 35567.20}, {@code 100}): never a float artefact, never exponent notation
 * (either is refused with -1111 BAD_PRECISION). Quantities are base asset units for USD-M and contracts for COIN-M.
 *
 * @param tickSize          PRICE_FILTER.tickSize: every price is a multiple of it
 * @param minPrice          PRICE_FILTER.minPrice
 * @param maxPrice          PRICE_FILTER.maxPrice
 * @param stepSize          LOT_SIZE.stepSize (limit orders)
 * @param minQuantity       LOT_SIZE.minQty
 * @param maxQuantity       LOT_SIZE.maxQty
 * @param marketStepSize    MARKET_LOT_SIZE.stepSize (market orders)
 * @param marketMinQuantity MARKET_LOT_SIZE.minQty
 * @param marketMaxQuantity MARKET_LOT_SIZE.maxQty
 * @param minNotional       MIN_NOTIONAL.notional in the quote asset; {@code null} where the market has none (COIN-M)
 * @param contractSize      USD value of one COIN-M contract; {@link BigDecimal#ONE} for USD-M
 */
public record SymbolRules(Symbol symbol, Market market, String baseAsset, String quoteAsset, String marginAsset,
        BigDecimal tickSize, BigDecimal minPrice, BigDecimal maxPrice,
        BigDecimal stepSize, BigDecimal minQuantity, BigDecimal maxQuantity,
        BigDecimal marketStepSize, BigDecimal marketMinQuantity, BigDecimal marketMaxQuantity,
        BigDecimal minNotional,
        BigDecimal contractSize) {

    public SymbolRules {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(market, "market");
        requireText("baseAsset", baseAsset);
        requireText("quoteAsset", quoteAsset);
        requireText("marginAsset", marginAsset);
        requirePositive("tickSize", tickSize);
        requireNotNegative("minPrice", minPrice);
        requirePositive("maxPrice", maxPrice);
        requireOrdered("minPrice", minPrice, "maxPrice", maxPrice);
        requirePositive("stepSize", stepSize);
        requireNotNegative("minQuantity", minQuantity);
        requirePositive("maxQuantity", maxQuantity);
        requireOrdered("minQuantity", minQuantity, "maxQuantity", maxQuantity);
        requirePositive("marketStepSize", marketStepSize);
        requireNotNegative("marketMinQuantity", marketMinQuantity);
        requirePositive("marketMaxQuantity", marketMaxQuantity);
        requireOrdered("marketMinQuantity", marketMinQuantity, "marketMaxQuantity", marketMaxQuantity);
        if (minNotional != null) {
            requireNotNegative("minNotional", minNotional);
        }
        requirePositive("contractSize", contractSize);
        if (market == Market.USD_M && contractSize.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("contractSize of the USD-M symbol " + symbol + " must be 1, was "
                    + contractSize.toPlainString());
        }
        // The two lot filters must leave some quantity a market order can have.
        BigDecimal min = minQuantity.max(marketMinQuantity);
        BigDecimal max = maxQuantity.min(marketMaxQuantity);
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("minQuantity/marketMinQuantity " + min.toPlainString()
                    + " is above maxQuantity/marketMaxQuantity " + max.toPlainString() + " of " + symbol);
        }
    }

    /**
     * The step a market order quantity is a multiple of: it must satisfy LOT_SIZE and MARKET_LOT_SIZE at once, so it is
     * their least common multiple, which is the coarser of the two whenever one divides the other (every Binance
     * symbol). Scale: the larger of the two steps' scales.
     */
    public BigDecimal marketOrderStep() {
        int scale = Math.max(0, Math.max(stepSize.scale(), marketStepSize.scale()));
        BigInteger a = stepSize.setScale(scale).unscaledValue();
        BigInteger b = marketStepSize.setScale(scale).unscaledValue();
        BigInteger lcm = a.divide(a.gcd(b)).multiply(b);
        return new BigDecimal(lcm, scale);
    }

    /** The smallest market order quantity: the stricter (larger) of the two lot filters' minimums. */
    public BigDecimal marketOrderMinQuantity() {
        return minQuantity.max(marketMinQuantity);
    }

    /** The largest market order quantity: the stricter (smaller) of the two lot filters' maximums. */
    public BigDecimal marketOrderMaxQuantity() {
        return maxQuantity.min(marketMaxQuantity);
    }

    /**
     * Rounds a quantity down to {@link #marketOrderStep()}, at that step's scale: {@code 0.0289 -> 0.028},
     * {@code 0.30000000000000004 -> 0.3} (step 0.1), {@code 1E+2 -> 100} (step 1). Down, because rounding up would
     * spend margin the trade was not given. May return zero. Throws IllegalArgumentException for a negative quantity.
     */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() < 0) {
            throw new IllegalArgumentException("quantity " + quantity.toPlainString() + " is negative");
        }
        return toMultiple(quantity, marketOrderStep(), RoundingMode.DOWN);
    }

    /**
     * Rounds a stop-loss trigger price to the tick so that rounding never tightens the stop: a LONG stop (below the
     * entry) goes down, a SHORT stop (above the entry) goes up. Result at the tick's scale ({@code 35567.20} for tick
     * 0.10). Throws IllegalArgumentException for a price that is not positive.
     */
    public BigDecimal roundStopLoss(Direction direction, BigDecimal price) {
        Objects.requireNonNull(direction, "direction");
        requirePositivePrice("stop-loss", price);
        return toMultiple(price, tickSize, direction == Direction.LONG ? RoundingMode.FLOOR : RoundingMode.CEILING);
    }

    /**
     * Rounds a take-profit trigger price to the tick so that rounding never pushes the target further away: a LONG
     * target (above the entry) goes down, a SHORT target (below the entry) goes up. Result at the tick's scale.
     */
    public BigDecimal roundTakeProfit(Direction direction, BigDecimal price) {
        Objects.requireNonNull(direction, "direction");
        requirePositivePrice("take-profit", price);
        return toMultiple(price, tickSize, direction == Direction.LONG ? RoundingMode.FLOOR : RoundingMode.CEILING);
    }

    /**
     * Rounds a simulated fill price to the tick, against the trader: a BUY fills up, a SELL fills down, so a paper
     * fill is never better than the venue could have given. Result at the tick's scale.
     */
    public BigDecimal roundFillPrice(Side side, BigDecimal price) {
        Objects.requireNonNull(side, "side");
        requirePositivePrice("fill", price);
        return toMultiple(price, tickSize, side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    /**
     * The notional of a quantity, exact: USD-M {@code quantity x price} in the quote asset (what MIN_NOTIONAL is
     * compared to); COIN-M {@code contracts x contractSize} in USD ({@code price} is not needed there).
     */
    public BigDecimal notional(BigDecimal quantity, BigDecimal price) {
        Objects.requireNonNull(quantity, "quantity");
        BigDecimal notional = switch (market) {
            case USD_M -> quantity.multiply(Objects.requireNonNull(price, "price"));
            case COIN_M -> quantity.multiply(contractSize);
        };
        return notional.scale() < 0 ? notional.setScale(0) : notional;
    }

    /**
     * Whether Binance would take a market order of {@code quantity} at {@code price} (for MARKET orders Binance uses the
     * mark price for MIN_NOTIONAL). Checks, in this order: quantity under {@link #marketOrderMinQuantity()}
     * ({@code quantity-below-min}, also a quantity rounded down to 0), over {@link #marketOrderMaxQuantity()}
     * ({@code quantity-above-max}), notional under MIN_NOTIONAL ({@code notional-below-min}; skipped for reduce-only
     * orders, which Binance exempts, and where the market has no minimum).
     *
     * <p>Expects a quantity already rounded with {@link #roundQuantity}: one off the step is a programming error and
     * throws IllegalArgumentException, as do a negative quantity and a price that is not positive.
     *
     * @return the refusal, or empty when the order passes
     */
    public Optional<Denial> checkMarketOrder(BigDecimal quantity, BigDecimal price, boolean reduceOnly) {
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() < 0) {
            throw new IllegalArgumentException("quantity " + quantity.toPlainString() + " is negative");
        }
        requirePositivePrice("order", price);
        BigDecimal min = marketOrderMinQuantity();
        if (quantity.compareTo(min) < 0) {
            return Optional.of(new Denial(DenyReason.QUANTITY_BELOW_MIN, "quantity " + quantity.toPlainString()
                    + " is below the minimum " + min.toPlainString() + " of " + symbol));
        }
        BigDecimal max = marketOrderMaxQuantity();
        if (quantity.compareTo(max) > 0) {
            return Optional.of(new Denial(DenyReason.QUANTITY_ABOVE_MAX, "quantity " + quantity.toPlainString()
                    + " is above the maximum " + max.toPlainString() + " of " + symbol + " for market orders"));
        }
        BigDecimal step = marketOrderStep();
        if (quantity.remainder(step).signum() != 0) {
            throw new IllegalArgumentException("quantity " + quantity.toPlainString() + " is not a multiple of the step "
                    + step.toPlainString() + " of " + symbol + "; round it with roundQuantity first");
        }
        if (!reduceOnly && minNotional != null) {
            BigDecimal notional = notional(quantity, price);
            if (notional.compareTo(minNotional) < 0) {
                return Optional.of(new Denial(DenyReason.NOTIONAL_BELOW_MIN, "notional " + notional.toPlainString()
                        + " " + quoteAsset + " (" + notionalTerms(quantity, price) + ") is below the minimum "
                        + minNotional.toPlainString() + " of " + symbol));
            }
        }
        return Optional.empty();
    }

    private String notionalTerms(BigDecimal quantity, BigDecimal price) {
        return market == Market.USD_M
                ? "quantity " + quantity.toPlainString() + " x price " + price.toPlainString()
                : quantity.toPlainString() + " contracts x " + contractSize.toPlainString();
    }

    /** {@code value} rounded to a multiple of {@code step} with {@code mode}, at the step's scale (never negative). */
    private static BigDecimal toMultiple(BigDecimal value, BigDecimal step, RoundingMode mode) {
        BigDecimal steps = value.divide(step, 0, mode);
        return steps.multiply(step).setScale(Math.max(0, step.scale()));
    }

    private static void requirePositivePrice(String what, BigDecimal price) {
        Objects.requireNonNull(price, "price");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException(what + " price " + price.toPlainString() + " is not positive");
        }
    }

    private static void requireText(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value.toPlainString());
        }
    }

    private static void requireNotNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value.toPlainString());
        }
    }

    private static void requireOrdered(String minName, BigDecimal min, String maxName, BigDecimal max) {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException(minName + " " + min.toPlainString() + " is above " + maxName + " "
                    + max.toPlainString());
        }
    }
}
