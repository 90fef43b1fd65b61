package io.tradeflow.core.execution;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.position.Position;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One bot's account at the paper venue: its wallet, the position it holds and the stop-loss and take-profit resting
 * for it. Immutable; the venue replaces it on every change, and the service stores each new version.
 *
 * @param interval        the bot's kline interval: only klines of (symbol, interval) trigger its orders
 * @param asset           the margin asset (USDT for USD-M BTCUSDT, BTC for COIN-M BTCUSD_PERP)
 * @param balance         wallet balance: starting balance + realised PnL - fees
 * @param reservedMargin  margin held by the open position (notional / leverage at entry)
 * @param peakBalance     highest balance so far, for the drawdown limit
 * @param day             UTC epoch day of {@code dayStartBalance}
 * @param dayStartBalance balance before the first fill of {@code day}, for the daily loss limit
 * @param position        the open position, null when flat
 * @param working         resting conditional orders (the open position's stop-loss and take-profit)
 * @param fills           how many fills the account has had
 */
public record PaperAccount(String botId, Symbol symbol, Interval interval, String asset, BigDecimal balance,
                           BigDecimal reservedMargin, BigDecimal peakBalance, long day, BigDecimal dayStartBalance,
                           Position position, List<WorkingOrder> working, long fills) {

    public PaperAccount {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(reservedMargin, "reservedMargin");
        Objects.requireNonNull(peakBalance, "peakBalance");
        Objects.requireNonNull(dayStartBalance, "dayStartBalance");
        working = List.copyOf(working);
    }

    /** A new bot's account: the starting balance, nothing held. */
    public static PaperAccount opened(String botId, Symbol symbol, Interval interval, String asset, BigDecimal balance) {
        return new PaperAccount(botId, symbol, interval, asset, balance, BigDecimal.ZERO, balance, 0, balance, null,
                List.of(), 0);
    }

    /** Balance not held as margin. */
    public BigDecimal available() {
        return balance.subtract(reservedMargin);
    }

    public boolean flat() {
        return position == null;
    }
}
