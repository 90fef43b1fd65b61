package io.tradeflow.core.position;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Market;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a futures contract turns prices into money: the formulas of value, average price, PnL and notional. Linear and
 * inverse are the words Bybit's API ({@code category=linear|inverse}) and CCXT use; NautilusTrader has the same split
 * as an {@code is_inverse} flag.
 *
 * <ul>
 * <li>{@link #LINEAR}: Binance USD-M. Quantity in the base asset, price and PnL in the quote (margin) asset, e.g. USDT.
 * There is no contract multiplier: {@code contractSize} is 1 and not used.</li>
 * <li>{@link #INVERSE}: Binance COIN-M. Quantity in contracts of {@code contractSize} USD each (100 for BTCUSD_PERP,
 * 10 for most others), price in USD, PnL in the base coin, e.g. BTC.</li>
 * </ul>
 *
 * <p>All prices must be {@code > 0}. Results that need only {@code + - x} are exact, with the scale the inputs give.
 * Published results that need a division (averages, every inverse PnL) are rounded once, at that division, to 8
 * decimal places HALF_EVEN. An inverse {@link #value} keeps 24 places (see there).
 */
public enum Contract {
    LINEAR, INVERSE;

    /** USD-M is linear, COIN-M inverse (all Binance dapi contracts are inverse). */
    public static Contract of(Market market) {
        return switch (Objects.requireNonNull(market, "market")) {
            case USD_M -> LINEAR;
            case COIN_M -> INVERSE;
        };
    }

    /**
     * What {@code quantity} at {@code price} is worth in the margin asset: LINEAR {@code quantity x price} (quote
     * asset, exact); INVERSE {@code quantity x contractSize / price} (coin), which has no finite decimal in general and
     * is kept to 24 decimal places HALF_EVEN: rounding it to a satoshi, as BitMEX's and Bybit's worked examples do,
     * would move a BTC average price by cents. Bybit calls the sum of these the "total contract value".
     */
    public BigDecimal value(BigDecimal quantity, BigDecimal price, BigDecimal contractSize) {
        return switch (this) {
            case LINEAR -> quantity.multiply(price);
            case INVERSE -> Decimals.divideFine(quantity.multiply(contractSize), price);
        };
    }

    /**
     * The average price of {@code quantity} whose summed {@link #value} is {@code value}; 8 places HALF_EVEN.
     * <ul>
     * <li>LINEAR: quantity-weighted arithmetic mean, {@code sum(q x p) / sum(q)}.</li>
     * <li>INVERSE: harmonic mean by contracts, {@code sum(q) x contractSize / sum(q x contractSize / p)}
     * {@code = sum(q) / sum(q / p)}: the price at which the coin value of all the contracts equals the sum of each
     * fill's, so that {@link #pnl} at the average equals the sum of the fills' PnLs. Bybit publishes this formula
     * for its inverse contracts ("Average entry price = Total quantity of contracts / Total contract value",
     * https://testnet.bybit.com/en/help-center/article?id=000001113); Binance's COIN-M PnL formula (see {@link #pnl})
     * implies it. I found no Binance page that states it.</li>
     * </ul>
     */
    public BigDecimal averagePrice(BigDecimal quantity, BigDecimal value, BigDecimal contractSize) {
        return switch (this) {
            case LINEAR -> Decimals.divide(value, quantity);
            case INVERSE -> Decimals.divide(quantity.multiply(contractSize), value);
        };
    }

    /**
     * PnL of {@code quantity} entered at {@code entryPrice} and left at {@code exitPrice} (or marked there), in the
     * margin asset, before fees. Source: Binance, "A Beginner's Guide to Futures Trading", How to calculate
     * unrealized PNL
     * (https://binance.com/en-IN/support/announcement/a-beginner-s-guide-to-futures-trading-360039304272), with the
     * mark price replaced by the exit price for a realized figure.
     * <ul>
     * <li>LINEAR: {@code (exit - entry) x quantity} for LONG, {@code (entry - exit) x quantity} for SHORT; exact.</li>
     * <li>INVERSE: {@code quantity x contractSize x (1/entry - 1/exit)} for LONG, {@code (1/exit - 1/entry)} for
     * SHORT, in the coin. Computed as {@code quantity x contractSize x (exit - entry) / (entry x exit)} so that it is
     * rounded once, to 8 places.</li>
     * </ul>
     */
    public BigDecimal pnl(Direction direction, BigDecimal quantity, BigDecimal entryPrice, BigDecimal exitPrice,
            BigDecimal contractSize) {
        Objects.requireNonNull(direction, "direction");
        BigDecimal move = direction == Direction.LONG
                ? exitPrice.subtract(entryPrice)
                : entryPrice.subtract(exitPrice);
        return switch (this) {
            case LINEAR -> move.multiply(quantity);
            case INVERSE -> Decimals.divide(quantity.multiply(contractSize).multiply(move),
                    entryPrice.multiply(exitPrice));
        };
    }

    /**
     * Notional value: LINEAR {@code quantity x price} in the quote asset; INVERSE {@code quantity x contractSize} in
     * USD, whatever the price. Exact.
     */
    public BigDecimal notional(BigDecimal quantity, BigDecimal price, BigDecimal contractSize) {
        return switch (this) {
            case LINEAR -> quantity.multiply(price);
            case INVERSE -> quantity.multiply(contractSize);
        };
    }
}
