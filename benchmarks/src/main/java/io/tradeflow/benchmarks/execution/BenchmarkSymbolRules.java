package io.tradeflow.benchmarks.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The benchmark symbols' rules, which Binance does not list: BTCUSDT's under other names. One set of values feeds
 * both sides: the expected orders are computed with these {@link SymbolRules}, and execution-service reads them from
 * the exchangeInfo file {@link #write} produces ({@code tradeflow.execution.symbol-rules.files}); if the two ever
 * disagreed, the benchmark's order check would fail.
 */
final class BenchmarkSymbolRules {
    /** exchangeInfo {@code serverTime} of the capture the BTCUSDT values come from. */
    private static final long SERVER_TIME = 1748597014323L;

    private BenchmarkSymbolRules() {
    }

    /**
     * BTCUSDT's USD-M rules as execution-service ships them ({@code exchange-info/src/main/resources/exchange-info/usdm.json},
     * sources in {@code SOURCES.md} there): tick 0.10, price 261.10 to 809484, LOT_SIZE and MARKET_LOT_SIZE step
     * 0.001, 0.001 to 1000, MIN_NOTIONAL 100 USDT.
     */
    static SymbolRules btcusdtAs(Symbol symbol) {
        return new SymbolRules(symbol, Market.USD_M, "BTC", "USDT", "USDT",
                new BigDecimal("0.10"), new BigDecimal("261.10"), new BigDecimal("809484"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"),
                new BigDecimal("100"), BigDecimal.ONE);
    }

    /** BTCUSDT's rules under whatever symbol is asked for (the benchmark asks only for its own symbols). */
    static Function<Symbol, Optional<SymbolRules>> lookup() {
        return symbol -> Optional.of(btcusdtAs(symbol));
    }

    /**
     * Writes BTCUSDT's rules for {@code symbols} as a USD-M {@code GET /fapi/v1/exchangeInfo} answer (the fields
     * execution-service reads: status, assets, PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL; numbers as
     * strings, as Binance sends them).
     */
    static void write(Path file, Collection<Symbol> symbols) {
        List<Map<String, Object>> entries = symbols.stream().map(s -> entry(btcusdtAs(s))).toList();
        try {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
                    Map.of("serverTime", SERVER_TIME, "symbols", entries));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static Map<String, Object> entry(SymbolRules rules) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("symbol", rules.symbol().value());
        entry.put("pair", rules.symbol().value());
        entry.put("contractType", "PERPETUAL");
        entry.put("status", "TRADING");
        entry.put("baseAsset", rules.baseAsset());
        entry.put("quoteAsset", rules.quoteAsset());
        entry.put("marginAsset", rules.marginAsset());
        entry.put("filters", List.of(
                Map.of("filterType", "PRICE_FILTER", "tickSize", plain(rules.tickSize()),
                        "minPrice", plain(rules.minPrice()), "maxPrice", plain(rules.maxPrice())),
                Map.of("filterType", "LOT_SIZE", "stepSize", plain(rules.stepSize()),
                        "minQty", plain(rules.minQuantity()), "maxQty", plain(rules.maxQuantity())),
                Map.of("filterType", "MARKET_LOT_SIZE", "stepSize", plain(rules.marketStepSize()),
                        "minQty", plain(rules.marketMinQuantity()), "maxQty", plain(rules.marketMaxQuantity())),
                Map.of("filterType", "MIN_NOTIONAL", "notional", plain(rules.minNotional()))));
        return entry;
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
