package io.tradeflow.execution.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the fields of one JSON object of a Binance payload, with errors that name the payload and the field path
 * ({@code ORDER_TRADE_UPDATE: o.X (status) is missing}). Fields not asked for are ignored: Binance adds fields often.
 *
 * <p>Conventions of Binance futures JSON this class encodes: decimals are strings ({@code "0.00100"}), read exactly
 * with {@code new BigDecimal(text)} so their scale is kept (a JSON number is accepted too); ids and times are JSON
 * integers (a string of digits is accepted too, as {@code ai}/{@code actualOrderId} are); an empty string means "none"
 * for optional values ({@code "ai": ""}, {@code "activatePrice": ""}).
 */
final class JsonFields {

    /** Exact decimals (no double on the way), trailing zeros kept, trailing garbage after the value refused. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final int SHOWN_VALUE_CHARS = 40;

    private final JsonNode node;
    private final String payload;
    private final String prefix;

    private JsonFields(JsonNode node, String payload, String prefix) {
        this.node = node;
        this.payload = payload;
        this.prefix = prefix;
    }

    /** The tree of {@code json}; refuses null, blank text and anything that is not one JSON value. */
    static JsonNode tree(String json, String payload) {
        if (json == null || json.isBlank()) {
            throw new BinancePayloadException(payload, null, "empty payload");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BinancePayloadException(payload, null, "not JSON: " + e.getOriginalMessage());
        }
    }

    /** The fields of {@code node}, which must be a JSON object; {@code prefix} is its path ({@code "o."}) or empty. */
    static JsonFields of(JsonNode node, String payload, String prefix) {
        if (node == null || !node.isObject()) {
            String where = prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
            throw new BinancePayloadException(payload, where, "is not a JSON object");
        }
        return new JsonFields(node, payload, prefix);
    }

    /** The objects of a top-level JSON array answer, each labelled {@code [index]}. */
    static List<JsonFields> items(JsonNode root, String payload) {
        if (root == null || !root.isArray()) {
            throw new BinancePayloadException(payload, null, "is not a JSON array");
        }
        List<JsonFields> items = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            items.add(of(root.get(i), payload, "[" + i + "]."));
        }
        return items;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    String text(String key, String name) {
        JsonNode value = required(key, name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw error(key, name, "is not a non-empty string: " + shown(value));
        }
        return value.asText();
    }

    /** The string, or null when absent, null or empty. */
    String optionalText(String key, String name) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(key, name, "is not a string: " + shown(value));
        }
        return value.asText().isEmpty() ? null : value.asText();
    }

    BigDecimal decimal(String key, String name) {
        BigDecimal value = optionalDecimal(key, name);
        if (value == null) {
            throw error(key, name, "is missing");
        }
        return value;
    }

    /** The exact decimal, or null when absent, null or an empty string. */
    BigDecimal optionalDecimal(String key, String name) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                throw error(key, name, "is not a decimal: " + shown(value));
            }
        }
        throw error(key, name, "is not a decimal: " + shown(value));
    }

    long integer(String key, String name) {
        OptionalLong value = optionalInteger(key, name);
        if (value.isEmpty()) {
            throw error(key, name, "is missing");
        }
        return value.getAsLong();
    }

    /** The integer, or empty when absent, null or an empty string (how Binance writes "no child order yet"). */
    OptionalLong optionalInteger(String key, String name) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
            return OptionalLong.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return OptionalLong.of(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(value.asText()));
            } catch (NumberFormatException e) {
                throw error(key, name, "is not an integer: " + shown(value));
            }
        }
        throw error(key, name, "is not an integer: " + shown(value));
    }

    boolean bool(String key, String name) {
        JsonNode value = required(key, name);
        return toBoolean(value, key, name);
    }

    /** The boolean, or {@code absent} when the field is absent or null. */
    boolean optionalBool(String key, String name, boolean absent) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? absent : toBoolean(value, key, name);
    }

    JsonFields object(String key, String name) {
        return of(required(key, name), payload, prefix + key + ".");
    }

    /** The objects of an array field, each labelled {@code key[index]}; an absent or null array is an empty list. */
    List<JsonFields> optionalArray(String key, String name) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(key, name, "is not an array: " + shown(value));
        }
        List<JsonFields> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            items.add(of(value.get(i), payload, prefix + key + "[" + i + "]."));
        }
        return items;
    }

    BinancePayloadException error(String key, String name, String problem) {
        return new BinancePayloadException(payload, prefix + key + " (" + name + ")", problem);
    }

    private JsonNode required(String key, String name) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw error(key, name, "is missing");
        }
        return value;
    }

    private boolean toBoolean(JsonNode value, String key, String name) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && ("true".equals(value.asText()) || "false".equals(value.asText()))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw error(key, name, "is not a boolean: " + shown(value));
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_VALUE_CHARS ? text : text.substring(0, SHOWN_VALUE_CHARS) + "...";
    }
}
