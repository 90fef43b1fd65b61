package io.tradeflow.core.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How large an entry is: a fixed margin per trade times the leverage, turned into a quantity the symbol accepts.
 * Exact decimal arithmetic throughout; the one rounding is down to the step, so a trade never uses more margin than it
 * was given.
 */
public final class Sizing {

    private Sizing() {
    }

    /**
     * The quantity of an entry, rounded down to {@link SymbolRules#marketOrderStep()}; may be 0 (then
     * {@link SymbolRules#checkMarketOrder} refuses it as {@code quantity-below-min}).
     *
     * <ul>
     *   <li>USD-M: {@code margin x leverage / price} base asset units; {@code margin} in the quote asset (USDT).
     *       Example: 100 USDT x 10 at 35567.2 = 0.0281... BTC, step 0.001: {@code 0.028}.</li>
     *   <li>COIN-M: {@code margin x leverage x price / contractSize} contracts; {@code margin} in the base coin (BTC).
     *       Example: 0.01 BTC x 10 at 35567.2 with contracts of 100 USD = 35.56..., step 1: {@code 35}.</li>
     * </ul>
     *
     * @param price the signal's reference price (quote asset per base unit)
     * @throws IllegalArgumentException for a negative margin, a leverage under 1 or a price that is not positive
     */
    public static BigDecimal quantity(SymbolRules rules, BigDecimal margin, int leverage, BigDecimal price) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(price, "price");
        if (margin.signum() < 0) {
            throw new IllegalArgumentException("margin " + margin.toPlainString() + " is negative");
        }
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage " + leverage + " is below 1");
        }
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price " + price.toPlainString() + " is not positive");
        }
        BigDecimal exposure = margin.multiply(BigDecimal.valueOf(leverage));
        // Truncating at the step's scale loses nothing: the step is a multiple of 10^-scale, so rounding down to the
        // step afterwards gives the same quantity as rounding the exact quotient.
        int scale = Math.max(0, rules.marketOrderStep().scale());
        BigDecimal raw = switch (rules.market()) {
            case USD_M -> exposure.divide(price, scale, RoundingMode.DOWN);
            case COIN_M -> exposure.multiply(price).divide(rules.contractSize(), scale, RoundingMode.DOWN);
        };
        return rules.roundQuantity(raw);
    }
}
