package io.tradeflow.marketdata.exchange;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Binance's JSON (stream messages, REST kline rows, error bodies). Strict: a missing field, a number where a
 * decimal string belongs, or a decimal that does not parse makes the whole message malformed, never a default.
 * Prices and volumes become {@link BigDecimal}s straight from Binance's strings, so no binary float ever touches them.
 */
public final class BinanceMessageParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BinanceMessageParser() {
    }

    /** One text frame of a combined stream ({@code {"stream":..,"data":..}}), a raw event, or a command answer. */
    public static BinanceStreamMessage parseStreamMessage(String text) throws MalformedMessageException {
        JsonNode root = readTree(text);
        if (!root.isObject()) {
            throw new MalformedMessageException("expected a JSON object");
        }
        if (root.has("data")) {
            return event(text(root, "stream"), object(root, "data"));
        }
        if (root.has("id") && (root.has("result") || root.has("error") || root.has("code"))) {
            return commandAnswer(root);
        }
        if (root.has("e")) {
            return event(null, root);
        }
        throw new MalformedMessageException("neither a stream event nor a command answer");
    }

    /** The body of {@code GET /fapi/v1/klines}: rows {@code [openTime, o, h, l, c, v, closeTime, q, trades, ...]}. */
    public static List<Kline> parseKlineRows(String body, Symbol symbol, Interval interval) throws MalformedMessageException {
        JsonNode root = readTree(body);
        if (!root.isArray()) {
            throw new MalformedMessageException("expected an array of kline rows");
        }
        List<Kline> klines = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            if (!row.isArray() || row.size() < 9) {
                throw new MalformedMessageException("kline row " + i + " is not an array of at least 9 values");
            }
            try {
                klines.add(new Kline(symbol, interval,
                        integer(row.get(0), "openTime"), integer(row.get(6), "closeTime"),
                        decimal(row.get(1), "open"), decimal(row.get(2), "high"), decimal(row.get(3), "low"),
                        decimal(row.get(4), "close"), decimal(row.get(5), "volume"), decimal(row.get(7), "quoteVolume"),
                        integer(row.get(8), "trades")));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("kline row " + i + " is not a valid kline: " + e.getMessage(), e);
            }
        }
        return klines;
    }

    /** Binance's error body {@code {"code":-1121,"msg":"Invalid symbol."}}, if {@code body} is one. */
    public static Optional<BinanceApiException.Error> parseError(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject() && root.path("code").canConvertToInt() && root.path("msg").isTextual()) {
                return Optional.of(new BinanceApiException.Error(root.get("code").intValue(), root.get("msg").textValue()));
            }
        } catch (JacksonException e) {
            // Not JSON (an HTML error page from a proxy, say): the caller reports the raw body instead.
        }
        return Optional.empty();
    }

    /** {@code {"serverTime": 1499827319559}}. */
    public static long parseServerTime(String body) throws MalformedMessageException {
        JsonNode root = readTree(body);
        return integer(root.get("serverTime"), "serverTime");
    }

    private static BinanceStreamMessage event(String stream, JsonNode data) throws MalformedMessageException {
        String type = text(data, "e");
        if (!type.equals("kline")) {
            return new BinanceStreamMessage.OtherEvent(stream, type);
        }
        JsonNode k = object(data, "k");
        try {
            return new BinanceKlineMessage(
                    integer(data.get("E"), "E (event time)"),
                    Symbol.of(text(k, "s")),
                    Interval.fromCode(text(k, "i")),
                    integer(k.get("t"), "k.t (open time)"),
                    integer(k.get("T"), "k.T (close time)"),
                    decimal(k.get("o"), "k.o (open)"),
                    decimal(k.get("h"), "k.h (high)"),
                    decimal(k.get("l"), "k.l (low)"),
                    decimal(k.get("c"), "k.c (close)"),
                    decimal(k.get("v"), "k.v (volume)"),
                    decimal(k.get("q"), "k.q (quote volume)"),
                    integer(k.get("n"), "k.n (trades)"),
                    bool(k.get("x"), "k.x (closed)"));
        } catch (IllegalArgumentException e) {
            // An unknown interval code or an impossible symbol.
            throw new MalformedMessageException(e.getMessage(), e);
        }
    }

    private static BinanceStreamMessage commandAnswer(JsonNode root) throws MalformedMessageException {
        long id = integer(root.get("id"), "id");
        JsonNode error = root.has("error") ? root.get("error") : root;
        if (error.has("code")) {
            return new BinanceStreamMessage.CommandRefused(id, error.path("code").asInt(), error.path("msg").asText(""));
        }
        return new BinanceStreamMessage.CommandAnswered(id);
    }

    private static JsonNode readTree(String text) throws MalformedMessageException {
        if (text == null || text.isBlank()) {
            throw new MalformedMessageException("empty message");
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedMessageException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode object(JsonNode parent, String field) throws MalformedMessageException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException("'" + field + "' is missing or not an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field) throws MalformedMessageException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new MalformedMessageException("'" + field + "' is missing or not a string");
        }
        return node.textValue();
    }

    private static long integer(JsonNode node, String name) throws MalformedMessageException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new MalformedMessageException("'" + name + "' is missing or not an integer");
        }
        return node.longValue();
    }

    private static boolean bool(JsonNode node, String name) throws MalformedMessageException {
        if (node == null || !node.isBoolean()) {
            throw new MalformedMessageException("'" + name + "' is missing or not a boolean");
        }
        return node.booleanValue();
    }

    private static BigDecimal decimal(JsonNode node, String name) throws MalformedMessageException {
        if (node == null || !node.isTextual()) {
            throw new MalformedMessageException("'" + name + "' is missing or not a decimal string");
        }
        try {
            return new BigDecimal(node.textValue());
        } catch (NumberFormatException e) {
            throw new MalformedMessageException("'" + name + "' is not a decimal: '" + node.textValue() + "'", e);
        }
    }
}
