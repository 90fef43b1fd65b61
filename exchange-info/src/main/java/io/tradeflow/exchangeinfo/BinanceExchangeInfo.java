package io.tradeflow.exchangeinfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Binance futures {@code exchangeInfo} answer, turned into neutral {@link SymbolRules}: USD-M
 * {@code GET /fapi/v1/exchangeInfo} or COIN-M {@code GET /dapi/v1/exchangeInfo}
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information,
 * https://developers.binance.com/docs/derivatives/coin-margined-futures/market-data/rest-api/Exchange-Information).
 *
 * <p>What is kept: symbols whose status is {@code TRADING} (USD-M {@code status}, COIN-M {@code contractStatus}); the
 * others are listed in {@link #notTrading()} and have no rules, so orders for them are refused as unknown symbols. Each
 * kept symbol needs PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, for USD-M also MIN_NOTIONAL, for COIN-M the symbol's
 * {@code contractSize}; a symbol missing one, or with a value that is not a number or breaks a rule of
 * {@link SymbolRules}, is left out and named with the reason in {@link #rejected()}, never dropped silently. Filters
 * Tradeflow does not use (MAX_NUM_ORDERS, PERCENT_PRICE, POSITION_RISK_CONTROL, any new one) are ignored.
 *
 * <p>Numbers are read exactly, whether Binance sends them as strings ({@code "0.10"}) or JSON numbers ({@code 100}),
 * and keep their scale: a tick of {@code 0.10} rounds prices to {@code 35567.20}.
 *
 * <p>execution-service reads Binance's answers and its shipped snapshots ({@link #USD_M_SNAPSHOT},
 * {@link #COIN_M_SNAPSHOT}, see {@code exchange-info/SOURCES.md}) with it, the backtest its {@code --symbol-rules} file
 * and the same USD-M snapshot, so that a backtest and the services size and round orders alike.
 *
 * @param serverTime  Binance's clock when it answered: the date of these rules
 * @param rules       the rules of every kept symbol, in the order Binance listed them
 * @param notTrading  names of symbols not in {@code TRADING} (settling, delivered, pending, halted)
 * @param rejected    one sentence per left-out symbol, starting with its name
 */
public record BinanceExchangeInfo(Market market, Instant serverTime, Map<Symbol, SymbolRules> rules,
        List<String> notTrading, List<String> rejected) {

    /** Classpath resource: the USD-M snapshot shipped with this module (BTCUSDT). */
    public static final String USD_M_SNAPSHOT = "exchange-info/usdm.json";
    /** Classpath resource: the COIN-M snapshot shipped with this module (BTCUSD_PERP). */
    public static final String COIN_M_SNAPSHOT = "exchange-info/coinm.json";
    private static final Map<Market, String> SNAPSHOTS = Map.of(
            Market.USD_M, USD_M_SNAPSHOT, Market.COIN_M, COIN_M_SNAPSHOT);

    private static final String TRADING = "TRADING";

    /** Strings and JSON numbers both become exact BigDecimals, trailing zeros kept (the tick's scale matters). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    public BinanceExchangeInfo {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(serverTime, "serverTime");
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        notTrading = List.copyOf(notTrading);
        rejected = List.copyOf(rejected);
    }

    /**
     * Parses an exchangeInfo body of {@code market}.
     *
     * @param where the request, resource or file the body came from, for messages
     * @throws ExchangeInfoFormatException when the body is not JSON, or has no {@code serverTime} or no
     *                                     {@code symbols} array (a Binance error body answered with 200, an HTML page)
     */
    public static BinanceExchangeInfo parse(String json, Market market, String where) throws ExchangeInfoFormatException {
        Objects.requireNonNull(market, "market");
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new ExchangeInfoFormatException(where, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ExchangeInfoFormatException(where, "not a JSON object");
        }
        JsonNode serverTime = root.get("serverTime");
        if (serverTime == null || !serverTime.isIntegralNumber()) {
            // Binance's error shape (https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code),
            // e.g. "Service unavailable from a restricted location": its own words say more than "no serverTime".
            JsonNode code = root.get("code");
            JsonNode msg = root.get("msg");
            throw new ExchangeInfoFormatException(where, code != null && code.isIntegralNumber() && msg != null
                    && msg.isTextual() ? "Binance's error " + code.asLong() + ": " + msg.asText() : "no serverTime");
        }
        JsonNode symbols = root.get("symbols");
        if (symbols == null || !symbols.isArray()) {
            throw new ExchangeInfoFormatException(where, "no symbols array");
        }
        Map<Symbol, SymbolRules> rules = new LinkedHashMap<>();
        List<String> notTrading = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : symbols) {
            String name = entry.path("symbol").asText("");
            String label = name.isEmpty() ? "symbol #" + index : name;
            index++;
            String status = status(entry, market);
            if (!TRADING.equals(status)) {
                notTrading.add(label);
                continue;
            }
            try {
                SymbolRules symbolRules = toRules(entry, name, market);
                if (rules.putIfAbsent(symbolRules.symbol(), symbolRules) != null) {
                    rejected.add(label + ": listed twice, the first entry is kept");
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                rejected.add(label + ": " + e.getMessage());
            }
        }
        return new BinanceExchangeInfo(market, Instant.ofEpochMilli(serverTime.longValue()), rules, notTrading,
                rejected);
    }

    /** The classpath resource of {@code market}'s shipped snapshot, such as {@code exchange-info/usdm.json}. */
    public static String snapshotResource(Market market) {
        return SNAPSHOTS.get(Objects.requireNonNull(market, "market"));
    }

    /**
     * The snapshot of {@code market} shipped with this module, parsed.
     *
     * @throws IllegalStateException when the resource is missing or broken: a packaging error, not an input one
     */
    public static BinanceExchangeInfo snapshot(Market market) {
        String resource = snapshotResource(market);
        try (InputStream in = BinanceExchangeInfo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the symbol rules snapshot " + resource + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), market, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the symbol rules snapshot " + resource, e);
        } catch (ExchangeInfoFormatException e) {
            throw new IllegalStateException("the shipped symbol rules snapshot is broken: " + e.getMessage(), e);
        }
    }

    /** USD-M says {@code status}, COIN-M {@code contractStatus}; whichever the entry has. */
    private static String status(JsonNode entry, Market market) {
        String preferred = market == Market.COIN_M ? "contractStatus" : "status";
        String other = market == Market.COIN_M ? "status" : "contractStatus";
        JsonNode status = entry.hasNonNull(preferred) ? entry.get(preferred) : entry.get(other);
        return status == null ? "(none)" : status.asText();
    }

    private static SymbolRules toRules(JsonNode entry, String name, Market market) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no symbol name");
        }
        Map<String, JsonNode> filters = filters(entry);
        JsonNode price = filter(filters, "PRICE_FILTER");
        JsonNode lot = filter(filters, "LOT_SIZE");
        JsonNode marketLot = filter(filters, "MARKET_LOT_SIZE");
        BigDecimal minNotional = market == Market.USD_M
                ? decimal(filter(filters, "MIN_NOTIONAL"), "MIN_NOTIONAL", "notional")
                : null; // COIN-M sizes in contracts of a fixed USD value and publishes no MIN_NOTIONAL
        BigDecimal contractSize = market == Market.COIN_M ? decimal(entry, "symbol", "contractSize") : BigDecimal.ONE;
        return new SymbolRules(new Symbol(name), market,
                text(entry, "baseAsset"), text(entry, "quoteAsset"), text(entry, "marginAsset"),
                decimal(price, "PRICE_FILTER", "tickSize"),
                decimal(price, "PRICE_FILTER", "minPrice"),
                decimal(price, "PRICE_FILTER", "maxPrice"),
                decimal(lot, "LOT_SIZE", "stepSize"),
                decimal(lot, "LOT_SIZE", "minQty"),
                decimal(lot, "LOT_SIZE", "maxQty"),
                decimal(marketLot, "MARKET_LOT_SIZE", "stepSize"),
                decimal(marketLot, "MARKET_LOT_SIZE", "minQty"),
                decimal(marketLot, "MARKET_LOT_SIZE", "maxQty"),
                minNotional, contractSize);
    }

    private static Map<String, JsonNode> filters(JsonNode entry) {
        JsonNode filters = entry.get("filters");
        if (filters == null || !filters.isArray()) {
            throw new IllegalArgumentException("no filters array");
        }
        Map<String, JsonNode> byType = new HashMap<>();
        for (JsonNode filter : filters) {
            byType.putIfAbsent(filter.path("filterType").asText(""), filter);
        }
        return byType;
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

    /** A decimal sent as a string or a JSON number, exactly; {@code where} names the filter for messages. */
    private static BigDecimal decimal(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + " has no " + field);
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "." + field + " '" + value.asText() + "' is not a number");
            }
        }
        throw new IllegalArgumentException(where + "." + field + " is neither a string nor a number: " + value);
    }
}
