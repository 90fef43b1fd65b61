package io.tradeflow.core.position;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One position, from its first entry fill to the fill that brings it back to zero; immutable, each {@link #apply}
 * returns the next state. The rules are in the package documentation ({@code package-info.java}). The constructor
 * throws IllegalArgumentException naming the field when the state is inconsistent (an exit price with nothing closed,
 * a close time on an open position, ...).
 *
 * @param contractSize   USD per contract for {@link Contract#INVERSE} (Binance COIN-M {@code contractSize}); 1 for
 *                       {@link Contract#LINEAR}
 * @param marginAsset    the asset PnL is in and margin is held in: the quote asset for LINEAR (USDT), the base coin for
 *                       INVERSE (BTC)
 * @param direction      LONG when the first fill bought, SHORT when it sold; kept after the position closed
 * @param quantity       open size, {@code >= 0} (base asset for LINEAR, contracts for INVERSE); 0 once closed
 * @param entryPrice     average entry price of the open lots: the first fill's price as it is, then
 *                       {@link Contract#averagePrice} (8 places)
 * @param realizedPnl    sum of the closing fills' PnL, gross of fees, in the margin asset
 * @param fees           all fees charged so far, by asset, sorted by asset; a BNB fee stays BNB
 * @param closedQuantity how much has been closed so far, {@code >= 0}
 * @param exitPrice      average price of the closing fills: the first one's price as it is, then
 *                       {@link Contract#averagePrice} (8 places); null until something closed
 * @param openedAt       time of the first entry fill, epoch ms
 * @param closedAt       time of the fill that closed it, epoch ms; 0 while open
 * @param entryValue     what the open quantity cost, in the margin asset ({@link Contract#value} summed over the
 *                       entry fills, scaled down in proportion by partial closes): the sum the next average entry is
 *                       computed from, so that it is the average of the fills, not of rounded averages; 0 once closed
 * @param exitValue      {@link Contract#value} summed over the closing fills, the sum the exit price is computed from;
 *                       0 until something closed
 */
public record Position(
        Symbol symbol,
        Contract contract,
        BigDecimal contractSize,
        String marginAsset,
        Direction direction,
        BigDecimal quantity,
        BigDecimal entryPrice,
        BigDecimal realizedPnl,
        Map<String, BigDecimal> fees,
        BigDecimal closedQuantity,
        BigDecimal exitPrice,
        long openedAt,
        long closedAt,
        BigDecimal entryValue,
        BigDecimal exitValue) {

    public Position {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(contract, "contract");
        contractSize = Decimals.requirePositive("contractSize", contractSize);
        if (contract == Contract.LINEAR && contractSize.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("contractSize of a LINEAR position must be 1 (USD-M has no contract"
                    + " multiplier), not " + contractSize.toPlainString());
        }
        Decimals.requireAsset("marginAsset", marginAsset);
        Objects.requireNonNull(direction, "direction");
        quantity = Decimals.requireNotNegative("quantity", quantity);
        entryPrice = Decimals.requirePositive("entryPrice", entryPrice);
        realizedPnl = Decimals.plain(Objects.requireNonNull(realizedPnl, "realizedPnl"));
        fees = sortedFees(fees);
        closedQuantity = Decimals.requireNotNegative("closedQuantity", closedQuantity);
        if (closedQuantity.signum() == 0) {
            if (exitPrice != null) {
                throw new IllegalArgumentException("exitPrice " + exitPrice.toPlainString()
                        + " is set but nothing was closed");
            }
            if (quantity.signum() == 0) {
                throw new IllegalArgumentException("a position needs an open or a closed quantity; both are 0");
            }
        } else {
            exitPrice = Decimals.requirePositive("exitPrice", exitPrice);
        }
        if (openedAt <= 0) {
            throw new IllegalArgumentException("openedAt " + openedAt + " is not a positive epoch ms");
        }
        if (quantity.signum() > 0 && closedAt != 0) {
            throw new IllegalArgumentException("closedAt " + closedAt + " is set on an open position");
        }
        if (quantity.signum() == 0 && closedAt < openedAt) {
            throw new IllegalArgumentException("closedAt " + closedAt + " is before openedAt " + openedAt);
        }
        entryValue = Decimals.requireNotNegative("entryValue", entryValue);
        if ((entryValue.signum() > 0) != (quantity.signum() > 0)) {
            throw new IllegalArgumentException("entryValue " + entryValue.toPlainString()
                    + " does not match the open quantity " + quantity.toPlainString());
        }
        exitValue = Decimals.requireNotNegative("exitValue", exitValue);
        if ((exitValue.signum() > 0) != (closedQuantity.signum() > 0)) {
            throw new IllegalArgumentException("exitValue " + exitValue.toPlainString()
                    + " does not match the closed quantity " + closedQuantity.toPlainString());
        }
    }

    /**
     * A position from its published figures alone (the fields of a {@code PositionChanged}): the entry and exit
     * values are derived from the average prices, so later averages continue from those rounded averages.
     */
    public Position(Symbol symbol, Contract contract, BigDecimal contractSize, String marginAsset,
            Direction direction, BigDecimal quantity, BigDecimal entryPrice, BigDecimal realizedPnl,
            Map<String, BigDecimal> fees, BigDecimal closedQuantity, BigDecimal exitPrice, long openedAt,
            long closedAt) {
        this(symbol, contract, contractSize, marginAsset, direction, quantity, entryPrice, realizedPnl, fees,
                closedQuantity, exitPrice, openedAt, closedAt,
                valueOrNull(contract, quantity, entryPrice, contractSize),
                valueOrNull(contract, closedQuantity, exitPrice, contractSize));
    }

    /**
     * A new position from its first fill: LONG for a BUY, SHORT for a SELL; the entry price is the fill's price,
     * exactly.
     */
    public static Position open(Symbol symbol, Contract contract, BigDecimal contractSize, String marginAsset,
            Fill firstFill) {
        Objects.requireNonNull(firstFill, "firstFill");
        Direction direction = firstFill.side() == Side.BUY ? Direction.LONG : Direction.SHORT;
        Objects.requireNonNull(contract, "contract");
        Decimals.requirePositive("contractSize", contractSize);
        return new Position(symbol, contract, contractSize, marginAsset, direction, firstFill.quantity(),
                firstFill.price(), BigDecimal.ZERO, Map.of(firstFill.feeAsset(), firstFill.fee()), BigDecimal.ZERO,
                null, firstFill.time(), 0, contract.value(firstFill.quantity(), firstFill.price(), contractSize),
                BigDecimal.ZERO);
    }

    /**
     * The position after one more fill. A fill on the entry side adds: the entry price becomes the average price of
     * the open lots, this fill included ({@link Contract#averagePrice} of {@link #entryValue}). A fill on the exit side
     * reduces or closes: its realized PnL is computed from its price and the average entry ({@link Contract#pnl}),
     * never taken from a venue figure; the entry price stays; the exit price becomes the average of all the closing
     * fills so far ({@link Contract#averagePrice} of {@link #exitValue}). The fee is added to {@link #fees()} under
     * its own asset either way.
     *
     * <p>Not idempotent: the caller drops a fill it has applied before (by {@link Fill#tradeId()}).
     *
     * @throws IllegalArgumentException when a closing fill is larger than the open quantity (naming both: a one-way
     *                                  account never reverses in one fill here, the caller splits it into a close
     *                                  and a new position), or when the fill is older than the position
     * @throws IllegalStateException    when the position is already closed
     */
    public Applied apply(Fill fill) {
        Objects.requireNonNull(fill, "fill");
        if (!isOpen()) {
            throw new IllegalStateException("the " + direction + " " + symbol + " position closed at " + closedAt
                    + "; fill " + fill.tradeId() + " needs a new position (Position.open)");
        }
        if (fill.time() < openedAt) {
            throw new IllegalArgumentException("fill " + fill.tradeId() + " at " + fill.time()
                    + " is before the position opened at " + openedAt);
        }
        Map<String, BigDecimal> feesAfter = new TreeMap<>(fees);
        feesAfter.merge(fill.feeAsset(), fill.fee(), BigDecimal::add);

        if (fill.side() == direction.entrySide()) {
            BigDecimal openAfter = quantity.add(fill.quantity());
            BigDecimal entryValueAfter = entryValue.add(contract.value(fill.quantity(), fill.price(), contractSize));
            Position added = new Position(symbol, contract, contractSize, marginAsset, direction, openAfter,
                    contract.averagePrice(openAfter, entryValueAfter, contractSize), realizedPnl, feesAfter,
                    closedQuantity, exitPrice, openedAt, 0, entryValueAfter, exitValue);
            return new Applied(added, BigDecimal.ZERO, null);
        }

        if (fill.quantity().compareTo(quantity) > 0) {
            throw new IllegalArgumentException("closing fill " + fill.tradeId() + " of " + fill.quantity()
                    .toPlainString() + " is larger than the open quantity " + quantity.toPlainString() + " of the "
                    + direction + " " + symbol + " position; a one-way account never reverses in one fill here");
        }
        BigDecimal pnl = contract.pnl(direction, fill.quantity(), entryPrice, fill.price(), contractSize);
        BigDecimal remaining = quantity.subtract(fill.quantity());
        // The open lots keep their average: their value shrinks in proportion, the entry price stays as it is.
        BigDecimal entryValueAfter = remaining.signum() == 0
                ? BigDecimal.ZERO
                : Decimals.divideFine(entryValue.multiply(remaining), quantity);
        BigDecimal closedAfter = closedQuantity.add(fill.quantity());
        BigDecimal exitValueAfter = exitValue.add(contract.value(fill.quantity(), fill.price(), contractSize));
        BigDecimal exitPriceAfter = exitPrice == null
                ? fill.price()
                : contract.averagePrice(closedAfter, exitValueAfter, contractSize);
        Position reduced = new Position(symbol, contract, contractSize, marginAsset, direction, remaining, entryPrice,
                realizedPnl.add(pnl), feesAfter, closedAfter, exitPriceAfter, openedAt,
                remaining.signum() == 0 ? fill.time() : 0, entryValueAfter, exitValueAfter);
        return new Applied(reduced, fill.quantity(), pnl);
    }

    /** True until a fill brings the quantity back to 0. */
    public boolean isOpen() {
        return quantity.signum() > 0;
    }

    /**
     * PnL of the open quantity if it were closed at {@code markPrice} ({@code > 0}), in the margin asset, before fees
     * ({@link Contract#pnl}); 0 once closed.
     */
    public BigDecimal unrealizedPnl(BigDecimal markPrice) {
        BigDecimal mark = Decimals.requirePositive("markPrice", markPrice);
        return isOpen() ? contract.pnl(direction, quantity, entryPrice, mark, contractSize) : BigDecimal.ZERO;
    }

    /**
     * Realized PnL net of the fees charged in the margin asset: {@code realizedPnl - fees[marginAsset]}. Fees in any
     * other asset (BNB) are not subtracted, since they are not in the same unit; they stay in {@link #fees()}. Exact.
     */
    public BigDecimal netRealizedPnl() {
        return realizedPnl.subtract(fee(marginAsset));
    }

    /** The fees charged in {@code asset} so far, 0 if none. */
    public BigDecimal fee(String asset) {
        return fees.getOrDefault(asset, BigDecimal.ZERO);
    }

    /**
     * Value of the open quantity at {@code price} ({@code > 0}): LINEAR {@code quantity x price} in the quote asset,
     * INVERSE {@code quantity x contractSize} in USD ({@link Contract#notional}). Exact.
     */
    public BigDecimal notional(BigDecimal price) {
        return contract.notional(quantity, Decimals.requirePositive("price", price), contractSize);
    }

    /** The value of {@code quantity} at {@code price}, or null when an input is missing or out of range. */
    private static BigDecimal valueOrNull(Contract contract, BigDecimal quantity, BigDecimal price,
            BigDecimal contractSize) {
        if (contract == null || quantity == null || contractSize == null) {
            return null;
        }
        if (quantity.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (price == null || price.signum() <= 0) {
            return null;
        }
        return contract.value(quantity, price, contractSize);
    }

    private static Map<String, BigDecimal> sortedFees(Map<String, BigDecimal> fees) {
        Objects.requireNonNull(fees, "fees");
        TreeMap<String, BigDecimal> sorted = new TreeMap<>();
        fees.forEach((asset, fee) -> sorted.put(Decimals.requireAsset("fee asset", asset),
                Decimals.requireNotNegative("fee in " + asset, fee)));
        return Collections.unmodifiableSortedMap(sorted);
    }
}
