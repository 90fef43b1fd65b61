package io.tradeflow.core.domain;

/** Whether a bot acts on signals. */
public enum BotStatus {
    RUNNING, STOPPED
}
