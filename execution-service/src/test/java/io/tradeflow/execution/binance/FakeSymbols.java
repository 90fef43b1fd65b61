package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The symbols {@link BinanceFuturesFake} lists, and the filters it enforces, from one {@code exchangeInfo} document.
 * USD-M: the official docs example ({@code BLZUSDT}) with the service's real BTCUSDT entry
 * ({@code exchange-info/src/main/resources/exchange-info/usdm.json}) added, so the rules the fake enforces are the ones the service
 * sizes with; {@link #list} adds more symbols under BTCUSDT's rules. COIN-M: the service's real COIN-M answer
 * ({@code exchange-info/src/main/resources/exchange-info/coinm.json}, BTCUSD_PERP: 100 USD a contract, tick 0.1, step 1 contract,
 * no MIN_NOTIONAL) with ETHUSD_PERP made from it (10 USD a contract, tick 0.01, margin asset ETH; its price limits are
 * the fake's, not a capture); {@link #list} adds more under BTCUSD_PERP's rules.
 */
final class FakeSymbols {

    /** The rules of one symbol that the fake checks (rule source: exchangeInfo filters, BINANCE.md "Symbol rules"). */
    record Rules(String symbol, BigDecimal tickSize, BigDecimal minPrice, BigDecimal maxPrice, BigDecimal stepSize,
                 BigDecimal minQty, BigDecimal maxQty, BigDecimal marketStepSize, BigDecimal marketMinQty,
                 BigDecimal marketMaxQty, BigDecimal minNotional, String pair, String marginAsset,
                 BigDecimal contractSize) {

        /**
         * LOT_SIZE (MARKET_LOT_SIZE for market orders): more decimals than the step -1111 (BINANCE.md: float
         * artefacts give -1111), off the step -4023, below the minimum -4004, above the maximum -4005.
         */
        void checkQuantity(BigDecimal quantity, boolean market) {
            BigDecimal step = market ? marketStepSize : stepSize;
            if (quantity.signum() <= 0) {
                throw FakeRefusal.of(-4003);
            }
            if (quantity.stripTrailingZeros().scale() > step.stripTrailingZeros().scale()) {
                throw FakeRefusal.of(-1111);
            }
            if (quantity.remainder(step).signum() != 0) {
                throw FakeRefusal.of(-4023);
            }
            if (quantity.compareTo(market ? marketMinQty : minQty) < 0) {
                throw FakeRefusal.of(-4004);
            }
            if (quantity.compareTo(market ? marketMaxQty : maxQty) > 0) {
                throw FakeRefusal.of(-4005);
            }
        }

        /** PRICE_FILTER, for prices and trigger prices: more decimals than the tick -1111, off the tick -4014. */
        void checkPrice(BigDecimal price) {
            if (price.stripTrailingZeros().scale() > tickSize.stripTrailingZeros().scale()) {
                throw FakeRefusal.of(-1111);
            }
            if (price.remainder(tickSize).signum() != 0) {
                throw FakeRefusal.of(-4014);
            }
            if (price.compareTo(minPrice) < 0) {
                throw FakeRefusal.of(-4013);
            }
        }

        /**
         * MIN_NOTIONAL: price x quantity at least the notional (reduce-only orders are exempt: the caller's test).
         * COIN-M symbols have no such filter ({@code minNotional} null): nothing to check.
         */
        void checkNotional(BigDecimal quantity, BigDecimal price) {
            if (minNotional != null && quantity.multiply(price).compareTo(minNotional) < 0) {
                throw FakeRefusal.of(-4164, minNotional.toPlainString());
            }
        }
    }

    private final ObjectNode document;
    /** The entry {@link #list} copies: BTCUSDT or BTCUSD_PERP. */
    private final ObjectNode template;
    private final boolean coinM;
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();

    FakeSymbols(FuturesApi api) {
        coinM = api == FuturesApi.COIN_M;
        if (coinM) {
            document = (ObjectNode) FakeMessages.json(FakeMessages.text("/exchange-info/coinm.json"));
            template = (ObjectNode) symbols().get(0).deepCopy();
            symbols().add(ethUsdPerp(template));
        } else {
            document = (ObjectNode) FakeMessages.resource("usdm_rest_exchangeInfo.official_docs.json");
            JsonNode snapshot = FakeMessages.json(FakeMessages.text("/exchange-info/usdm.json"));
            template = (ObjectNode) snapshot.get("symbols").get(0);
            symbols().add(template.deepCopy());
        }
        symbols().forEach(symbol -> rules.put(symbol.get("symbol").asText(), rulesOf(symbol)));
    }

    /**
     * Lists {@code symbol} with the template's filters (as the test symbols of this module do): BTCUSDT's, or on COIN-M
     * BTCUSD_PERP's with the pair the part before {@code _} ({@code SOLUSD_PERP}: SOLUSD) and its coin the pair without
     * {@code USD} (SOL) as base and margin asset.
     */
    synchronized void list(String symbol) {
        ObjectNode copy = template.deepCopy();
        copy.put("symbol", symbol);
        if (coinM) {
            String pair = symbol.contains("_") ? symbol.substring(0, symbol.indexOf('_')) : symbol;
            String coin = pair.endsWith("USD") ? pair.substring(0, pair.length() - 3) : pair;
            copy.put("pair", pair);
            copy.put("baseAsset", coin);
            copy.put("marginAsset", coin);
        } else {
            copy.put("pair", symbol);
        }
        symbols().add(copy);
        rules.put(symbol, rulesOf(copy));
    }

    /** The listed symbols, in the order exchangeInfo lists them. */
    List<Rules> all() {
        List<Rules> all = new ArrayList<>();
        synchronized (this) {
            symbols().forEach(symbol -> all.add(rules.get(symbol.get("symbol").asText())));
        }
        return all;
    }

    /** The rules of {@code symbol}; -1121 Invalid symbol when it is not listed. */
    Rules rules(String symbol) {
        Rules found = symbol == null ? null : rules.get(symbol);
        if (found == null) {
            throw FakeRefusal.of(-1121);
        }
        return found;
    }

    synchronized String exchangeInfo(long serverTime) {
        ObjectNode answer = document.deepCopy();
        answer.put("serverTime", serverTime);
        return answer.toString();
    }

    private ArrayNode symbols() {
        return (ArrayNode) document.get("symbols");
    }

    private static Rules rulesOf(JsonNode symbol) {
        JsonNode price = filter(symbol, "PRICE_FILTER");
        JsonNode lot = filter(symbol, "LOT_SIZE");
        JsonNode market = filter(symbol, "MARKET_LOT_SIZE");
        JsonNode notional = optionalFilter(symbol, "MIN_NOTIONAL");
        String name = symbol.get("symbol").asText();
        return new Rules(name, decimal(price, "tickSize"), decimal(price, "minPrice"),
                decimal(price, "maxPrice"), decimal(lot, "stepSize"), decimal(lot, "minQty"), decimal(lot, "maxQty"),
                decimal(market, "stepSize"), decimal(market, "minQty"), decimal(market, "maxQty"),
                notional == null ? null : decimal(notional, "notional"), symbol.path("pair").asText(name),
                symbol.path("marginAsset").asText(FakeAccount.ASSET),
                symbol.has("contractSize") ? symbol.get("contractSize").decimalValue() : BigDecimal.ONE);
    }

    /** ETHUSD_PERP on BTCUSD_PERP's entry: 10 USD a contract, tick 0.01, ETH as base and margin asset. */
    private static ObjectNode ethUsdPerp(ObjectNode btcUsdPerp) {
        ObjectNode eth = btcUsdPerp.deepCopy();
        eth.put("symbol", "ETHUSD_PERP");
        eth.put("pair", "ETHUSD");
        eth.put("contractSize", 10);
        eth.put("baseAsset", "ETH");
        eth.put("marginAsset", "ETH");
        eth.put("pricePrecision", 2);
        ObjectNode price = (ObjectNode) filter(eth, "PRICE_FILTER");
        price.put("tickSize", "0.01");
        price.put("minPrice", "10");
        price.put("maxPrice", "306177");
        return eth;
    }

    private static JsonNode filter(JsonNode symbol, String type) {
        JsonNode filter = optionalFilter(symbol, type);
        if (filter == null) {
            throw new IllegalStateException(symbol.get("symbol").asText() + " has no " + type + " filter");
        }
        return filter;
    }

    private static JsonNode optionalFilter(JsonNode symbol, String type) {
        for (JsonNode filter : symbol.get("filters")) {
            if (type.equals(filter.path("filterType").asText())) {
                return filter;
            }
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode filter, String field) {
        return new BigDecimal(filter.get(field).asText());
    }
}
