/**
 * Position accounting: fills in, position out (side, quantity, average entry, realized PnL, fees by asset). Plain
 * Java, so the paper venue, position-service and backtests compute a position with the same code.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Lifecycle.</b> {@link io.tradeflow.core.position.Position#open} takes the first fill: BUY opens a LONG, SELL
 * a SHORT. {@link io.tradeflow.core.position.Position#apply} takes each further fill: the entry side adds, the exit
 * side reduces; the fill that brings the quantity to 0 closes the position, which then takes no more fills. A
 * closing fill larger than the open quantity is refused (one-way accounts: the caller closes, then opens a new
 * position with the rest). Partial fills are fills like any other.</li>
 * <li><b>Contracts.</b> {@link io.tradeflow.core.position.Contract#LINEAR} (USD-M): quantity in the base asset, PnL in
 * the quote asset. {@link io.tradeflow.core.position.Contract#INVERSE} (COIN-M): quantity in contracts of
 * {@code contractSize} USD, PnL in the base coin.</li>
 * <li><b>PnL</b> of a closing fill, from its price and the average entry, never from a venue figure (source: Binance,
 * "A Beginner's Guide to Futures Trading"):
 * LINEAR {@code (exit - entry) x qty} for LONG, {@code (entry - exit) x qty} for SHORT;
 * INVERSE {@code qty x contractSize x (1/entry - 1/exit)} for LONG, {@code qty x contractSize x (1/exit - 1/entry)}
 * for SHORT. Unrealized PnL is the same formula at a mark price.</li>
 * <li><b>Average entry</b>, of the lots still open. LINEAR: the quantity-weighted arithmetic mean,
 * {@code sum(q x p) / sum(q)}. INVERSE: the harmonic mean by contracts, {@code sum(q) / sum(q/p)}, the price at which
 * the INVERSE PnL of the whole position equals the sum of its lots' PnLs. A closing fill leaves it as it is (the lots
 * left keep their average).</li>
 * <li><b>Exit price</b>: the average of all the closing fills, weighted by quantity, with the same mean as the entry
 * (arithmetic for LINEAR, harmonic for INVERSE); null until something closed.</li>
 * <li><b>Fees</b> are kept per asset, as charged. {@link io.tradeflow.core.position.Position#netRealizedPnl()}
 * subtracts only the fees charged in the margin asset: a fee in BNB is never taken from a USDT PnL as if it were
 * USDT.</li>
 * <li><b>Exactness.</b> {@code + - x} are exact and keep the inputs' scale: one entry fill gives its price as the
 * entry price, one closing fill its price as the exit price, a LINEAR PnL and a net PnL are exact. A published figure
 * that needs a division (an average of two or more fills, every INVERSE PnL) is rounded once, at that division, to 8
 * decimal places HALF_EVEN. Averages are divided from running sums of the fills' values
 * ({@link io.tradeflow.core.position.Position#entryValue()}, {@link io.tradeflow.core.position.Position#exitValue()}),
 * never from an earlier rounded average, so the average of several fills is the one computed from all of them at
 * once. Those sums are exact for LINEAR; an INVERSE value {@code q x contractSize / p} has no finite decimal and is
 * kept to 24 places, as is a LINEAR entry value a partial close scales down when that division does not end.</li>
 * <li><b>Plain numbers.</b> No decimal here has a negative scale, so {@code toPlainString()} (what the event codec
 * writes) never needs an exponent: {@code 1E+2} arrives as {@code 100}.</li>
 * </ul>
 */
package io.tradeflow.core.position;
