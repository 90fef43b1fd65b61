package io.tradeflow.core.strategy;

/**
 * What one bot's strategy remembers between klines (previous values, pending confirmation, last signal time).
 * Implementations are immutable records that the strategy package can write as JSON and read back, so a restarted
 * signal-service continues exactly where it stopped.
 */
public interface StrategyState {
}
