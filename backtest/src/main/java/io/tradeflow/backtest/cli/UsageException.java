package io.tradeflow.backtest.cli;

/** What was asked cannot run (options, bots, parameters, symbol rules): {@code bin/backtest} exits with 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
