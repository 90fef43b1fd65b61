package io.tradeflow.core.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.core.event.InvalidEventException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding failures into messages about our fields. The decision looks at what the JSON holds at the
 * failing path and what type was expected there, rather than at Jackson's message text, which changes between
 * versions.
 */
final class Problems {

    private Problems() {
    }

    static EventDecodingException translate(String eventType, ObjectNode tree, JacksonException failure) {
        InvalidEventException invalid = causeOfType(failure, InvalidEventException.class);
        if (invalid != null) {
            return new EventDecodingException(eventType, invalid.field(), invalid.problem(), failure);
        }
        List<JsonMappingException.Reference> path = failure instanceof JsonMappingException mapping
                ? mapping.getPath() : List.of();
        if (path.isEmpty()) {
            return new EventDecodingException(eventType, null, describe(failure), failure);
        }
        String field = dotted(path);
        JsonNode node = at(tree, path);
        if (node.isMissingNode() || node.isNull()) {
            return new EventDecodingException(eventType, field, "missing required field '" + field + "'", failure);
        }
        IllegalArgumentException rejected = causeOfType(failure, IllegalArgumentException.class);
        if (rejected != null) {
            // A value type refused the value, e.g. Symbol: "invalid symbol 'BTC-USDT' (expected ...)".
            return new EventDecodingException(eventType, field,
                    "field '" + field + "' is invalid: " + rejected.getMessage(), failure);
        }
        Class<?> expected = failure instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (expected == BigDecimal.class && node.isTextual()) {
            return new EventDecodingException(eventType, field,
                    "field '" + field + "' is not a decimal: " + node, failure);
        }
        if (expected != null && expected.isEnum() && node.isTextual()) {
            return new EventDecodingException(eventType, field, "field '" + field + "' has unknown value '"
                    + node.textValue() + "' (expected one of " + jsonValues(expected) + ")", failure);
        }
        return new EventDecodingException(eventType, field,
                "field '" + field + "' has the wrong type (expected " + kindOf(expected) + ")", failure);
    }

    static EventDecodingException missing(String eventType, String field) {
        return new EventDecodingException(eventType, field, "missing required field '" + field + "'", null);
    }

    static EventDecodingException wrongType(String eventType, String field, String kind) {
        return new EventDecodingException(eventType, field,
                "field '" + field + "' has the wrong type (expected " + kind + ")", null);
    }

    /** Jackson's own words without its location suffix and source excerpt. */
    static String describe(JacksonException failure) {
        String message = failure.getOriginalMessage();
        int lineBreak = message.indexOf('\n');
        String firstLine = lineBreak < 0 ? message : message.substring(0, lineBreak);
        var location = failure.getLocation();
        return location == null || location.getLineNr() < 1 ? firstLine
                : firstLine + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String kindOf(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == BigDecimal.class) {
            return "a decimal";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() && type.getRecordComponents().length > 1) {
            return "an object";
        }
        return "a string"; // strings, enums and the single-value types (Symbol)
    }

    /** The JSON spelling of each constant, e.g. {@code 1m} for Interval.ONE_MINUTE. */
    private static String jsonValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> EventCodec.MAPPER.valueToTree(constant).asText())
                .collect(Collectors.joining(", "));
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static JsonNode at(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference reference : path) {
            node = reference.getFieldName() != null ? node.path(reference.getFieldName()) : node.path(reference.getIndex());
        }
        return node;
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
