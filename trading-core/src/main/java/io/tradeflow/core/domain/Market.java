package io.tradeflow.core.domain;

/** Futures market family: USD-M (USDT/USDC margined, fapi) or COIN-M (coin margined, dapi). */
public enum Market {
    USD_M, COIN_M
}
