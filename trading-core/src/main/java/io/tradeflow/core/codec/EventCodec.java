package io.tradeflow.core.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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

    /** Per event type, resolved once: the streaming path's binder, which reads unknown fields as the tree does. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type).withHandler(new UnknownFieldsAsTheTreeReadsThem());
        }
    };

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
        T event = decodeStreaming(json, type);
        return event != null ? event : decodeViaTree(json, type);
    }

    public static <T extends Event> T decode(String json, Class<T> type) {
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Decodes any event, choosing the type by its {@code eventType} field. */
    public static Event decodeAny(byte[] json) {
        Event event = decodeAnyStreaming(json);
        return event != null ? event : decodeAnyViaTree(json);
    }

    public static Event decodeAny(String json) {
        return decodeAny(json.getBytes(StandardCharsets.UTF_8));
    }

    /*
     * Two paths give the same events and the same errors (FastPathEquivalenceTest). The streaming path reads the
     * header (eventId, eventType, schemaVersion, and signalId for a SignalGenerated: the fields the event record does
     * not have) and binds the rest of the same parse directly, with no tree in between (EventDecodeBenchmark, issue
     * 14). It answers only for events it fully accepts whose header comes first, as the encoder writes it
     * (@JsonPropertyOrder); on anything else it answers null and the tree path, the reference, decodes the event or
     * words the problem as it always has. So a refused record costs both paths, a good one only the streaming one.
     */

    /** The event, or null when the streaming path cannot decode it and the tree path must decide. */
    static <T extends Event> T decodeStreaming(byte[] json, Class<T> type) {
        return type.cast(readStreaming(json, type));
    }

    /** The event of any type, or null when the streaming path cannot decode it and the tree path must decide. */
    static Event decodeAnyStreaming(byte[] json) {
        return readStreaming(json, null);
    }

    /** {@code expected} null accepts any event type. */
    private static Event readStreaming(byte[] json, Class<? extends Event> expected) {
        EventHeader header;
        Event event;
        try (JsonParser parser = MAPPER.createParser(json)) {
            header = EventHeader.read(parser);
            Class<? extends Event> type = header == null ? null
                    : expected == null ? TYPES.get(header.eventType())
                    : expected.getSimpleName().equals(header.eventType()) ? expected : null;
            if (type == null) {
                return null;
            }
            event = READERS.get(type).readValue(parser);
            if (event == null || parser.nextToken() != null) {
                return null; // no object after all, or trailing tokens
            }
        } catch (IOException | RuntimeException e) {
            // Not only JacksonException: the tree path throws what it throws (see UnknownFieldsAsTheTreeReadsThem).
            return null;
        }
        // The bytes bound: the tree path would have got as far, with the same header and an equal event.
        String eventType = header.eventType();
        requireDerived("eventId", header.eventId(), event.eventId(), eventType);
        if (event instanceof SignalGenerated signal) {
            requireDerived("signalId", header.signalId(), signal.signalId(), eventType);
        }
        return event;
    }

    /** The reference path: the whole tree, checked, then bound. Package-private for FastPathEquivalenceTest. */
    static <T extends Event> T decodeViaTree(byte[] json, Class<T> type) {
        String eventType = type.getSimpleName();
        ObjectNode tree = parse(json, eventType);
        String actual = requiredText(tree, "eventType", eventType);
        if (!actual.equals(eventType)) {
            throw new EventDecodingException(eventType, "eventType",
                    "field 'eventType' is '" + actual + "' (expected '" + eventType + "')", null);
        }
        return bind(tree, type, eventType);
    }

    /** The reference path of {@link #decodeAny(byte[])}. Package-private for FastPathEquivalenceTest. */
    static Event decodeAnyViaTree(byte[] json) {
        ObjectNode tree = parse(json, ANY_EVENT);
        String eventType = requiredText(tree, "eventType", ANY_EVENT);
        Class<? extends Event> type = TYPES.get(eventType);
        if (type == null) {
            throw new EventDecodingException(ANY_EVENT, "eventType", "field 'eventType' has unknown value '"
                    + eventType + "' (expected one of " + String.join(", ", TYPES.keySet()) + ")", null);
        }
        return bind(tree, type, eventType);
    }

    private static ObjectNode parse(byte[] json, String eventType) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new EventDecodingException(eventType, null, "not valid JSON: " + Problems.describe(e), e);
        } catch (NumberFormatException e) {
            // A float whose exponent no BigDecimal holds (1e9999999999): bad input like any other, for the DLQ.
            throw new EventDecodingException(eventType, null, "not valid JSON: a number out of range ("
                    + e.getMessage() + ")", e);
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

    private static void requireDerived(ObjectNode tree, String field, String derived, String eventType) {
        requireDerived(field, requiredText(tree, field, eventType), derived, eventType);
    }

    /** Ids are derived from the other fields; one that disagrees means a producer bug or a tampered record. */
    private static void requireDerived(String field, String actual, String derived, String eventType) {
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
