package io.tradeflow.core.domain;

/** What happened to a position. */
public enum PositionChange {
    OPENED, CHANGED, CLOSED
}
