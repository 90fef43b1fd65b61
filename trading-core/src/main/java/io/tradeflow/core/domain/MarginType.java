package io.tradeflow.core.domain;

/** Futures margin mode of a bot's symbol. */
public enum MarginType {
    ISOLATED, CROSSED
}
