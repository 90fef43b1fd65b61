package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The symbols {@link BinanceFuturesFake} lists, and the filters it enforces, from one {@code exchangeInfo} document:
 * the official docs example ({@code BLZUSDT}) with the service's real BTCUSDT entry
 * ({@code src/main/resources/exchange-info/usdm.json}) added, so the rules the fake enforces are the ones the
 * service sizes with. {@link #list} adds more symbols under BTCUSDT's rules.
 */
final class FakeSymbols {

    /** The rules of one symbol that the fake checks (rule source: exchangeInfo filters, BINANCE.md "Symbol rules"). */
    record Rules(String symbol, BigDecimal tickSize, BigDecimal minPrice, BigDecimal maxPrice, BigDecimal stepSize,
                 BigDecimal minQty, BigDecimal maxQty, BigDecimal marketStepSize, BigDecimal marketMinQty,
                 BigDecimal marketMaxQty, BigDecimal minNotional) {

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

        /** MIN_NOTIONAL: price x quantity at least the notional (reduce-only orders are exempt: the caller's test). */
        void checkNotional(BigDecimal quantity, BigDecimal price) {
            if (quantity.multiply(price).compareTo(minNotional) < 0) {
                throw FakeRefusal.of(-4164, minNotional.toPlainString());
            }
        }
    }

    private final ObjectNode document;
    private final ObjectNode btcusdt;
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();

    FakeSymbols() {
        document = (ObjectNode) FakeMessages.resource("usdm_rest_exchangeInfo.official_docs.json");
        JsonNode snapshot = FakeMessages.json(FakeMessages.text("/exchange-info/usdm.json"));
        btcusdt = (ObjectNode) snapshot.get("symbols").get(0);
        symbols().add(btcusdt.deepCopy());
        symbols().forEach(symbol -> rules.put(symbol.get("symbol").asText(), rulesOf(symbol)));
    }

    /** Lists {@code symbol} with BTCUSDT's filters (as the test symbols of this module do). */
    synchronized void list(String symbol) {
        ObjectNode copy = btcusdt.deepCopy();
        copy.put("symbol", symbol);
        copy.put("pair", symbol);
        symbols().add(copy);
        rules.put(symbol, rulesOf(copy));
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
        JsonNode notional = filter(symbol, "MIN_NOTIONAL");
        return new Rules(symbol.get("symbol").asText(), decimal(price, "tickSize"), decimal(price, "minPrice"),
                decimal(price, "maxPrice"), decimal(lot, "stepSize"), decimal(lot, "minQty"), decimal(lot, "maxQty"),
                decimal(market, "stepSize"), decimal(market, "minQty"), decimal(market, "maxQty"),
                decimal(notional, "notional"));
    }

    private static JsonNode filter(JsonNode symbol, String type) {
        for (JsonNode filter : symbol.get("filters")) {
            if (type.equals(filter.path("filterType").asText())) {
                return filter;
            }
        }
        throw new IllegalStateException(symbol.get("symbol").asText() + " has no " + type + " filter");
    }

    private static BigDecimal decimal(JsonNode filter, String field) {
        return new BigDecimal(filter.get(field).asText());
    }
}
