package io.tradeflow.execution.binance;

import io.tradeflow.execution.binance.FakeState.PositionRow;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of COIN-M's inverse contracts for {@link BinanceFuturesFake}: a position is a number of contracts of
 * {@code contractSize} USD each, so its value in the margin coin is {@code contracts x contractSize / price}, and
 * margin, fees and PnL are in that coin (BINANCE.md "Symbol rules"; COIN-M docs, Account Trade List {@code baseQty}).
 *
 * <p>Each coin amount is computed exactly and rounded once, half up, to 8 decimals (the precision of Binance's coin
 * amounts, {@code baseAssetPrecision} 8): a fill's fee and realised PnL, an unrealised PnL, a value in coin. Entry
 * prices are the contracts' harmonic mean (the price at which the position's coin value is what was paid), rounded
 * half up to 8 decimals as the USD-M fake rounds its averages.
 */
final class FakeInverse {

    static final int COIN_SCALE = 8;

    private FakeInverse() {
    }

    /**
     * Books a fill of signed {@code delta} contracts at {@code price} in one-way mode and answers the PnL it realised
     * in the coin: a reduce realises {@code closed x contractSize x (1/entry - 1/price)} for a long, the opposite for a
     * short; an add averages the entry; a flip opens the rest at {@code price}.
     */
    static BigDecimal apply(PositionRow position, BigDecimal delta, BigDecimal price, BigDecimal contractSize,
                            long time) {
        BigDecimal amount = position.amount;
        BigDecimal after = amount.add(delta);
        BigDecimal realized = BigDecimal.ZERO;
        if (amount.signum() == 0) {
            position.entryPrice = price;
        } else if (amount.signum() == delta.signum()) {
            // Harmonic mean: (|a| + |d|) / (|a| / entry + |d| / price), as one division.
            BigDecimal numerator = after.abs().multiply(position.entryPrice).multiply(price);
            BigDecimal denominator = amount.abs().multiply(price).add(delta.abs().multiply(position.entryPrice));
            position.entryPrice = numerator.divide(denominator, COIN_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        } else {
            BigDecimal closed = delta.abs().min(amount.abs()).multiply(BigDecimal.valueOf(amount.signum()));
            realized = pnl(closed, position.entryPrice, price, contractSize);
            if (after.signum() == 0) {
                position.entryPrice = BigDecimal.ZERO;
            } else if (after.signum() != amount.signum()) {
                position.entryPrice = price;
            }
        }
        position.amount = after;
        position.realizedPnl = position.realizedPnl.add(realized);
        position.updateTime = time;
        return realized;
    }

    /**
     * The PnL in coin of {@code contracts} (signed: long > 0) bought at {@code entry} and valued at {@code exit}:
     * {@code contracts x contractSize x (1/entry - 1/exit)}, i.e. {@code contracts x contractSize x (exit - entry) /
     * (entry x exit)}, rounded once.
     */
    static BigDecimal pnl(BigDecimal contracts, BigDecimal entry, BigDecimal exit, BigDecimal contractSize) {
        if (contracts.signum() == 0 || entry.signum() == 0 || exit.signum() == 0) {
            return BigDecimal.ZERO.setScale(COIN_SCALE);
        }
        return contracts.multiply(contractSize).multiply(exit.subtract(entry))
                .divide(entry.multiply(exit), COIN_SCALE, RoundingMode.HALF_UP);
    }

    /** The value in coin of {@code contracts} (signed or not) at {@code price}: contracts x contractSize / price. */
    static BigDecimal coinValue(BigDecimal contracts, BigDecimal contractSize, BigDecimal price) {
        if (price.signum() == 0) {
            return BigDecimal.ZERO.setScale(COIN_SCALE);
        }
        return contracts.multiply(contractSize).divide(price, COIN_SCALE, RoundingMode.HALF_UP);
    }

    /** The fee in coin of a fill: its coin value times the fee rate, computed exactly and rounded once. */
    static BigDecimal fee(BigDecimal contracts, BigDecimal contractSize, BigDecimal price, BigDecimal rate) {
        return contracts.multiply(contractSize).multiply(rate).divide(price, COIN_SCALE, RoundingMode.HALF_UP);
    }
}
