package io.tradeflow.core.domain;

/** Order side. */
public enum Side {
    BUY, SELL
}
