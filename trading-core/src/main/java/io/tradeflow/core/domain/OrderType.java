package io.tradeflow.core.domain;

/** Order types the platform places. */
public enum OrderType {
    MARKET, LIMIT, STOP_MARKET, TAKE_PROFIT_MARKET
}
