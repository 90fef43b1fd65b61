package io.tradeflow.core.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.SignalGenerated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON form of every {@link Event}: decimals as plain strings with their scale, times as epoch-ms integers,
 * optional fields left out when absent, unknown fields ignored (so producers may add optional fields within a
 * {@code .v1} topic). Decoding is strict about everything else and reports problems as
 * {@link EventDecodingException}s that name the event type and the field.
 */
public final class EventCodec {

    static final ObjectMapper MAPPER = newMapper();

    /** Every event type by its {@code eventType}, in declaration order. */
    private static final Map<String, Class<? extends Event>> TYPES = Arrays.stream(Event.class.getPermittedSubclasses())
            .map(type -> type.asSubclass(Event.class))
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity(), (a, b) -> a, LinkedHashMap::new));

    private static final String ANY_EVENT = "Event";

    private EventCodec() {
    }

    public static byte[] encode(Event event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            // Only a bug in an event record gets here: every field type has a serializer.
            throw new IllegalStateException("cannot encode " + event.eventType() + " " + event.eventId(), e);
        }
    }

    public static String encodeToString(Event event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /** Decodes an event that must be of {@code type}; pass {@code Event.class} to accept any. */
    public static <T extends Event> T decode(byte[] json, Class<T> type) {
        if (type == Event.class) {
            return type.cast(decodeAny(json));
        }
        String eventType = type.getSimpleName();
        ObjectNode tree = parse(json, eventType);
        String actual = requiredText(tree, "eventType", eventType);
        if (!actual.equals(eventType)) {
            throw new EventDecodingException(eventType, "eventType",
                    "field 'eventType' is '" + actual + "' (expected '" + eventType + "')", null);
        }
        return bind(tree, type, eventType);
    }

    public static <T extends Event> T decode(String json, Class<T> type) {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Decodes any event, choosing the type by its {@code eventType} field. */
    public static Event decodeAny(byte[] json) {
        ObjectNode tree = parse(json, ANY_EVENT);
        String eventType = requiredText(tree, "eventType", ANY_EVENT);
        Class<? extends Event> type = TYPES.get(eventType);
        if (type == null) {
            throw new EventDecodingException(ANY_EVENT, "eventType", "field 'eventType' has unknown value '"
                    + eventType + "' (expected one of " + String.join(", ", TYPES.keySet()) + ")", null);
        }
        return bind(tree, type, eventType);
    }

    public static Event decodeAny(String json) {
        return decodeAny(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode parse(byte[] json, String eventType) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new EventDecodingException(eventType, null, "not valid JSON: " + Problems.describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
        if (tree == null || tree.isMissingNode()) {
            throw new EventDecodingException(eventType, null, "not valid JSON: no content", null);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new EventDecodingException(eventType, null,
                    "not a JSON object but " + tree.getNodeType().name().toLowerCase(), null);
        }
        return object;
    }

    private static <T extends Event> T bind(ObjectNode tree, Class<T> type, String eventType) {
        requireSchemaVersion(tree, eventType);
        T event;
        try {
            event = MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw Problems.translate(eventType, tree, e);
        }
        requireDerived(tree, "eventId", event.eventId(), eventType);
        if (event instanceof SignalGenerated signal) {
            requireDerived(tree, "signalId", signal.signalId(), eventType);
        }
        return event;
    }

    private static void requireSchemaVersion(ObjectNode tree, String eventType) {
        JsonNode version = required(tree, "schemaVersion", eventType);
        if (!version.canConvertToInt() || !version.isIntegralNumber()) {
            throw Problems.wrongType(eventType, "schemaVersion", "an integer");
        }
        // Later versions of a .v1 event only add optional fields, which this decoder ignores: still readable.
        if (version.intValue() < Event.SCHEMA_VERSION) {
            throw new EventDecodingException(eventType, "schemaVersion", "field 'schemaVersion' has unsupported value "
                    + version + " (expected " + Event.SCHEMA_VERSION + " or later)", null);
        }
    }

    /** Ids are derived from the other fields; one that disagrees means a producer bug or a tampered record. */
    private static void requireDerived(ObjectNode tree, String field, String derived, String eventType) {
        String actual = requiredText(tree, field, eventType);
        if (!actual.equals(derived)) {
            throw new EventDecodingException(eventType, field, "field '" + field + "' is '" + actual
                    + "' but the event's fields make it '" + derived + "'", null);
        }
    }

    private static String requiredText(ObjectNode tree, String field, String eventType) {
        JsonNode node = required(tree, field, eventType);
        if (!node.isTextual()) {
            throw Problems.wrongType(eventType, field, "a string");
        }
        return node.textValue();
    }

    private static JsonNode required(ObjectNode tree, String field, String eventType) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            throw Problems.missing(eventType, field);
        }
        return node;
    }

    private static ObjectMapper newMapper() {
        SimpleModule decimals = new SimpleModule("tradeflow-decimals")
                .addSerializer(BigDecimal.class, new DecimalSerializer())
                .addDeserializer(BigDecimal.class, new DecimalDeserializer());
        return JsonMapper.builder()
                .addModule(decimals)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // The tree is read before binding: without these a number like 35559.10 would become a double.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                // No silent conversions: 1.5 is not a time, "1925" is not a count, 1 is not a symbol.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }
}
