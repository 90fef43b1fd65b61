package io.tradeflow.core.position;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** The arithmetic rules of this package in one place: where it rounds, how, and what it refuses. */
final class Decimals {

    /** Decimal places of every result that needs a division (a satoshi for coin amounts). */
    static final int SCALE = 8;

    static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    /**
     * Decimal places kept in the running sums an average is computed from, when they are not exact: an inverse
     * contract value {@code q x contractSize / p}, or a linear value scaled down by a partial close. Far below the 8
     * published places, so those sums do not move a published average; never published on their own.
     */
    static final int VALUE_SCALE = 24;

    /** The longest asset code accepted. */
    private static final int ASSET_MAX = 20;

    private Decimals() {
    }

    /** {@code dividend / divisor} to {@link #SCALE} places, {@link #ROUNDING}: every published figure that divides. */
    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, SCALE, ROUNDING);
    }

    /**
     * {@code dividend / divisor}, exact when it fits in {@link #VALUE_SCALE} places, else rounded there HALF_EVEN;
     * trailing zeros beyond the dividend's scale are dropped, so an exact result reads as it would by hand.
     */
    static BigDecimal divideFine(BigDecimal dividend, BigDecimal divisor) {
        BigDecimal quotient = dividend.divide(divisor, VALUE_SCALE, ROUNDING).stripTrailingZeros();
        return quotient.scale() < dividend.scale() ? quotient.setScale(dividend.scale()) : plain(quotient);
    }

    /**
     * The same value with a scale of at least 0, so {@code toString()} never gives {@code 1E+2}; {@code 100} stays
     * {@code 100} and {@code 0.0010} keeps its scale.
     */
    static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    static BigDecimal requirePositive(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " " + value.toPlainString() + " is not positive");
        }
        return plain(value);
    }

    static BigDecimal requireNotNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " " + value.toPlainString() + " is negative");
        }
        return plain(value);
    }

    /**
     * Binance asset codes: 1 to 20 upper case letters and digits ({@code USDT}, {@code BNB}, {@code 1000SHIB}).
     * Checked by hand, not by a regular expression: every fill is checked, and a matcher per fill was a measurable
     * part of a backtest.
     */
    static String requireAsset(String name, String asset) {
        Objects.requireNonNull(asset, name);
        if (!isAsset(asset)) {
            throw new IllegalArgumentException(
                    "invalid " + name + " '" + asset + "' (expected 1 to 20 of A-Z, 0-9 such as USDT, BTC or BNB)");
        }
        return asset;
    }

    private static boolean isAsset(String asset) {
        int length = asset.length();
        if (length == 0 || length > ASSET_MAX) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = asset.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
