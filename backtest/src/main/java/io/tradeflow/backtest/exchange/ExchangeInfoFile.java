package io.tradeflow.backtest.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tradeflow.backtest.input.InputException;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved Binance USD-M {@code GET /fapi/v1/exchangeInfo} answer
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information)
 * as neutral {@link SymbolRules}, read the way execution-service reads its {@code tradeflow.execution.symbol-rules.files}
 * ({@code BinanceExchangeInfo}): symbols whose {@code status} is {@code TRADING}, each with PRICE_FILTER, LOT_SIZE,
 * MARKET_LOT_SIZE and MIN_NOTIONAL; numbers exact, as strings or JSON numbers, their scale kept (a tick of
 * {@code 0.10} rounds prices to {@code 35567.20}). A symbol missing a filter or breaking a rule of SymbolRules is left
 * out and named in {@link #rejected()}; other filters are ignored.
 *
 * @param source     the file (or built-in resource) read, for messages
 * @param rules      the rules of every usable symbol, in the order listed
 * @param notTrading symbols listed with another status (settling, delivered, halted): they have no rules
 * @param rejected   one sentence per symbol left out, starting with its name
 */
public record ExchangeInfoFile(String source, Map<Symbol, SymbolRules> rules, List<String> notTrading,
                               List<String> rejected) {

    /** The built-in rules: execution-service's shipped snapshot (BTCUSDT), see {@code exchange-info/SOURCES.md}. */
    public static final String BUILT_IN = "/exchange-info/usdm.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    public ExchangeInfoFile {
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        notTrading = List.copyOf(notTrading);
        rejected = List.copyOf(rejected);
    }

    /** The rules {@code bin/backtest} uses when no file is given. */
    public static ExchangeInfoFile builtIn() {
        try (InputStream in = ExchangeInfoFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the backtest jar lacks its resource " + BUILT_IN);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the built-in rules (" + BUILT_IN + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in rules " + BUILT_IN, e);
        }
    }

    /** Reads a saved exchangeInfo answer; fails naming the file when it is unreadable or not one. */
    public static ExchangeInfoFile read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("Cannot read the symbol rules file " + file + ": " + e.getMessage()
                    + ". Give a saved USD-M exchangeInfo answer (curl -s https://fapi.binance.com/fapi/v1/exchangeInfo"
                    + " > exchange-info.json)", e);
        }
        return parse(json, file.toString());
    }

    /** Parses an exchangeInfo answer; {@code where} names it in messages. */
    public static ExchangeInfoFile parse(String json, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw notExchangeInfo(where, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("symbols").isArray()) {
            throw notExchangeInfo(where, "no 'symbols' array");
        }
        Map<Symbol, SymbolRules> rules = new LinkedHashMap<>();
        List<String> notTrading = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.get("symbols")) {
            String name = entry.path("symbol").asText("");
            String label = name.isEmpty() ? "symbol #" + index : name;
            index++;
            if (!"TRADING".equals(entry.path("status").asText(""))) {
                notTrading.add(label);
                continue;
            }
            try {
                SymbolRules r = toRules(entry, name);
                if (rules.putIfAbsent(r.symbol(), r) != null) {
                    rejected.add(label + ": listed twice, the first entry is kept");
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                rejected.add(label + ": " + e.getMessage());
            }
        }
        return new ExchangeInfoFile(where, rules, notTrading, rejected);
    }

    private static InputException notExchangeInfo(String where, String why) {
        return new InputException("The symbol rules file " + where + " is not a USD-M exchangeInfo answer (" + why
                + "). Save one with: curl -s https://fapi.binance.com/fapi/v1/exchangeInfo > exchange-info.json");
    }

    private static SymbolRules toRules(JsonNode entry, String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no symbol name");
        }
        Map<String, JsonNode> filters = new HashMap<>();
        for (JsonNode filter : entry.path("filters")) {
            filters.putIfAbsent(filter.path("filterType").asText(""), filter);
        }
        JsonNode price = filter(filters, "PRICE_FILTER");
        JsonNode lot = filter(filters, "LOT_SIZE");
        JsonNode marketLot = filter(filters, "MARKET_LOT_SIZE");
        return new SymbolRules(new Symbol(name), Market.USD_M,
                text(entry, "baseAsset"), text(entry, "quoteAsset"), text(entry, "marginAsset"),
                decimal(price, "PRICE_FILTER", "tickSize"), decimal(price, "PRICE_FILTER", "minPrice"),
                decimal(price, "PRICE_FILTER", "maxPrice"),
                decimal(lot, "LOT_SIZE", "stepSize"), decimal(lot, "LOT_SIZE", "minQty"),
                decimal(lot, "LOT_SIZE", "maxQty"),
                decimal(marketLot, "MARKET_LOT_SIZE", "stepSize"), decimal(marketLot, "MARKET_LOT_SIZE", "minQty"),
                decimal(marketLot, "MARKET_LOT_SIZE", "maxQty"),
                decimal(filter(filters, "MIN_NOTIONAL"), "MIN_NOTIONAL", "notional"), BigDecimal.ONE);
    }

    private static JsonNode filter(Map<String, JsonNode> filters, String type) {
        JsonNode filter = filters.get(type);
        if (filter == null) {
            throw new IllegalArgumentException("no " + type + " filter");
        }
        return filter;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) {
            return value.decimalValue();
        }
        if (value != null && value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "." + field + " '" + value.asText() + "' is not a number");
            }
        }
        throw new IllegalArgumentException(where + " has no number " + field);
    }
}
