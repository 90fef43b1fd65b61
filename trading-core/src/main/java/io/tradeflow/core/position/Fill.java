package io.tradeflow.core.position;

import io.tradeflow.core.domain.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One execution (a trade of an order), in neutral words: venue adapters turn Binance {@code ORDER_TRADE_UPDATE}
 * trades or {@code userTrades} rows into this, and the paper venue makes its own.
 *
 * <p>Decimals with a negative scale ({@code 1E+2}) are kept as the same value with scale 0 ({@code 100}), so nothing
 * derived from a fill prints in exponent notation. A value out of range throws IllegalArgumentException (a missing
 * one NullPointerException) naming the field.
 *
 * @param side     the order's side
 * @param quantity executed quantity, {@code > 0}: base asset for {@link Contract#LINEAR}, contracts for
 *                 {@link Contract#INVERSE}
 * @param price    execution price in the quote asset (USD for COIN-M), {@code > 0}
 * @param fee      commission charged for this fill, {@code >= 0}, in {@code feeAsset} (Binance {@code n})
 * @param feeAsset asset the fee was charged in (Binance {@code N}), e.g. {@code USDT} or {@code BNB}
 * @param time     execution time, epoch ms, {@code > 0}
 * @param tradeId  the venue's trade id; {@link Position#apply} does not deduplicate, callers drop repeats by it
 */
public record Fill(Side side, BigDecimal quantity, BigDecimal price, BigDecimal fee, String feeAsset, long time,
        String tradeId) {

    public Fill {
        Objects.requireNonNull(side, "side");
        quantity = Decimals.requirePositive("quantity", quantity);
        price = Decimals.requirePositive("price", price);
        fee = Decimals.requireNotNegative("fee", fee);
        Decimals.requireAsset("feeAsset", feeAsset);
        if (time <= 0) {
            throw new IllegalArgumentException("time " + time + " is not a positive epoch ms");
        }
        Objects.requireNonNull(tradeId, "tradeId");
        if (tradeId.isBlank()) {
            throw new IllegalArgumentException("tradeId is blank");
        }
    }
}
