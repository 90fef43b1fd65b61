package io.tradeflow.pipeline;

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
 * Symbol rules of the test symbols, which Binance does not list: BTCUSDT's under another name. One set of values
 * feeds both sides of a comparison: the in-process run takes the {@link SymbolRules} as they are, and
 * execution-service reads them from an exchangeInfo file the test writes ({@code tradeflow.execution.symbol-rules.files}).
 */
final class TestSymbolRules {
    /** exchangeInfo {@code serverTime} of the file: the capture the BTCUSDT values come from. */
    private static final long SERVER_TIME = 1748597014323L;

    private TestSymbolRules() {
    }

    /**
     * BTCUSDT's USD-M rules as execution-service ships them ({@code exchange-info/src/main/resources/exchange-info/usdm.json},
     * sources in {@code SOURCES.md} there): tick 0.10, price 261.10 to 809484, LOT_SIZE and MARKET_LOT_SIZE step 0.001,
     * 0.001 to 1000, MIN_NOTIONAL 100 USDT.
     */
    static SymbolRules btcusdtAs(Symbol symbol) {
        return new SymbolRules(symbol, Market.USD_M, "BTC", "USDT", "USDT",
                new BigDecimal("0.10"), new BigDecimal("261.10"), new BigDecimal("809484"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"),
                new BigDecimal("100"), BigDecimal.ONE);
    }

    /** The lookup the in-process run takes: these rules, and no rules for any other symbol. */
    static Function<Symbol, Optional<SymbolRules>> lookup(Collection<SymbolRules> rules) {
        Map<Symbol, SymbolRules> bySymbol = new LinkedHashMap<>();
        rules.forEach(r -> bySymbol.put(r.symbol(), r));
        return symbol -> Optional.ofNullable(bySymbol.get(symbol));
    }

    /**
     * Writes the rules as a USD-M {@code GET /fapi/v1/exchangeInfo} answer (the fields execution-service reads:
     * status, assets, PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL; numbers as strings, as Binance sends
     * them) and returns the file.
     */
    static Path writeExchangeInfo(Path file, Collection<SymbolRules> rules) {
        List<Map<String, Object>> symbols = rules.stream().map(TestSymbolRules::entry).toList();
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
                    Map.of("serverTime", SERVER_TIME, "symbols", symbols));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static Map<String, Object> entry(SymbolRules rules) {
        if (rules.market() != Market.USD_M) {
            throw new IllegalArgumentException("only USD-M rules are written, not " + rules.market());
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("symbol", rules.symbol().value());
        entry.put("pair", rules.symbol().value());
        entry.put("contractType", "PERPETUAL");
        entry.put("status", "TRADING");
        entry.put("baseAsset", rules.baseAsset());
        entry.put("quoteAsset", rules.quoteAsset());
        entry.put("marginAsset", rules.marginAsset());
        entry.put("filters", List.of(
                Map.of("filterType", "PRICE_FILTER", "tickSize", text(rules.tickSize()),
                        "minPrice", text(rules.minPrice()), "maxPrice", text(rules.maxPrice())),
                Map.of("filterType", "LOT_SIZE", "stepSize", text(rules.stepSize()),
                        "minQty", text(rules.minQuantity()), "maxQty", text(rules.maxQuantity())),
                Map.of("filterType", "MARKET_LOT_SIZE", "stepSize", text(rules.marketStepSize()),
                        "minQty", text(rules.marketMinQuantity()), "maxQty", text(rules.marketMaxQuantity())),
                Map.of("filterType", "MIN_NOTIONAL", "notional", text(rules.minNotional()))));
        return entry;
    }

    private static String text(BigDecimal value) {
        return value.toPlainString();
    }
}
