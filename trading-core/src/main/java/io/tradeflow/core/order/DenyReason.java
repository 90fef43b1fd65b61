package io.tradeflow.core.order;

/**
 * Why pre-trade risk refused an order before any venue saw it: the {@code denyReason} of a {@code DENIED}
 * {@code OrderUpdated}. Each has a stable code, the kebab-case name (NautilusTrader calls this an OrderDenied).
 */
public enum DenyReason {
    /** The bot is stopped, deleted or was never defined on {@code bots.v1}. */
    BOT_NOT_RUNNING("bot-not-running"),
    /** The bot's venue cannot take orders here (TESTNET and LIVE until the Binance venue exists). */
    VENUE_UNAVAILABLE("venue-unavailable"),
    /** The signal reached execution more than {@code max-signal-delay} after signal-service produced it. */
    STALE_SIGNAL("stale-signal"),
    /** The bot was halted by its kill switch (daily loss limit or max drawdown) and not resumed since. */
    HALTED("halted"),
    /** An entry in the direction the bot already holds. */
    POSITION_OPEN("position-open"),
    /** The bot already holds {@code risk.maxOpenPositions} positions. */
    MAX_OPEN_POSITIONS("max-open-positions"),
    /** All bots together hold the configured total of open positions. */
    MAX_OPEN_POSITIONS_TOTAL("max-open-positions-total"),
    /** The entry would take the open notional of its symbol over the configured maximum. */
    MAX_NOTIONAL_SYMBOL("max-notional-symbol"),
    /** The entry would take the open notional of all bots over the configured maximum. */
    MAX_NOTIONAL_TOTAL("max-notional-total"),
    /** No symbol rules (exchangeInfo) are known for the symbol. */
    UNKNOWN_SYMBOL("unknown-symbol"),
    /** Sized quantity under the symbol's minimum (LOT_SIZE / MARKET_LOT_SIZE minQty), e.g. rounded down to 0. */
    QUANTITY_BELOW_MIN("quantity-below-min"),
    /** Sized quantity over the symbol's maximum (LOT_SIZE / MARKET_LOT_SIZE maxQty). */
    QUANTITY_ABOVE_MAX("quantity-above-max"),
    /** Quantity x price under the symbol's MIN_NOTIONAL. */
    NOTIONAL_BELOW_MIN("notional-below-min"),
    /** The bot's wallet cannot reserve the margin (notional / leverage) plus the entry fee. */
    INSUFFICIENT_MARGIN("insufficient-margin"),
    /** The bot lost more than its daily loss limit today (UTC, by fill time); the bot is halted. */
    DAILY_LOSS_LIMIT("daily-loss-limit"),
    /** The bot's balance fell more than the max drawdown below its peak; the bot is halted. */
    MAX_DRAWDOWN("max-drawdown");

    private final String code;

    DenyReason(String code) {
        this.code = code;
    }

    /** The code on the wire, e.g. {@code insufficient-margin}. */
    public String code() {
        return code;
    }

    /** The reason with this code; throws IllegalArgumentException naming the known codes otherwise. */
    public static DenyReason ofCode(String code) {
        for (DenyReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown deny reason '" + code + "'");
    }

    /** True for the two reasons that halt the bot (the kill switch). */
    public boolean halts() {
        return this == DAILY_LOSS_LIMIT || this == MAX_DRAWDOWN;
    }
}
