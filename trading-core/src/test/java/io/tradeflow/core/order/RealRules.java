package io.tradeflow.core.order;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;

import java.math.BigDecimal;

/**
 * Symbol rules with filter values Binance really published in captured exchangeInfo answers: the live BTCUSDT
 * perpetual of 2024 (fapi, MIN_NOTIONAL 100, MARKET_LOT_SIZE maxQty 120) and BTCUSD_PERP of June 2025 (dapi); see
 * exchange-info/src/main/resources/exchange-info/SOURCES.md.
 */
final class RealRules {

    private RealRules() {
    }

    /** BTCUSDT: tick 0.10, step 0.001, minQty 0.001, maxQty 1000, market maxQty 120, min notional 100. */
    static SymbolRules btcusdt() {
        return new SymbolRules(Symbol.of("BTCUSDT"), Market.USD_M, "BTC", "USDT", "USDT",
                d("0.10"), d("556.80"), d("4529764"),
                d("0.001"), d("0.001"), d("1000"),
                d("0.001"), d("0.001"), d("120"),
                d("100"), BigDecimal.ONE);
    }

    /** BTCUSD_PERP: tick 0.1, step 1 contract, maxQty 1000000, market maxQty 60000, contracts of 100 USD. */
    static SymbolRules btcusdPerp() {
        return new SymbolRules(Symbol.of("BTCUSD_PERP"), Market.COIN_M, "BTC", "USD", "BTC",
                d("0.1"), d("1000"), d("4520958"),
                d("1"), d("1"), d("1000000"),
                d("1"), d("1"), d("60000"),
                null, d("100"));
    }

    /** XRPUSDT-like rules with a step of 0.1 (the float artefact case 0.1 + 0.2). */
    static SymbolRules stepOfOneTenth() {
        return new SymbolRules(Symbol.of("XRPUSDT"), Market.USD_M, "XRP", "USDT", "USDT",
                d("0.0001"), d("0.0143"), d("100000"),
                d("0.1"), d("0.1"), d("10000000"),
                d("0.1"), d("0.1"), d("2000000"),
                d("5"), BigDecimal.ONE);
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
