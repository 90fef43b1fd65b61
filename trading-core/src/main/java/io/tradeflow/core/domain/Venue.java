package io.tradeflow.core.domain;

/** Where orders go: the simulated paper venue, the Binance testnet, or real Binance. */
public enum Venue {
    PAPER, TESTNET, LIVE
}
