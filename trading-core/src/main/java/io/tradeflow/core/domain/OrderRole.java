package io.tradeflow.core.domain;

/** Why an order exists within a trade. */
public enum OrderRole {
    ENTRY, STOP_LOSS, TAKE_PROFIT, EXIT
}
