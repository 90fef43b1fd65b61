package io.tradeflow.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.SignalGenerated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EventCodec's streaming decode (issue 14) against its tree decode, the reference: for every input, every way of
 * decoding it (as each event type, as {@code Event}, with decodeAny) gives an equal event with equal bytes, or the
 * same exception with the same message, event type and field. The inputs: the golden samples, the broken ones of
 * {@link DecodingErrorsTest} and the other codec tests, hand-made ones around what the streaming path reads on its
 * own (field order, duplicates, schemaVersion's type, unknown fields), and every truncation and one-byte deletion of
 * each golden sample.
 */
class FastPathEquivalenceTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static final List<String> GOLDEN_NAMES = List.of("KlineClosed", "IndicatorsComputed", "SignalGenerated",
            "SignalWatermark", "OrderUpdated", "PositionChanged", "BotDefinition", "BotDefinition-closePosition");

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : GOLDEN_NAMES) {
            byte[] golden = GoldenEvents.bytes(name);
            cases.add(Arguments.of("golden " + name, golden));
            cases.add(Arguments.of("compact golden " + name, compact(golden)));
        }
        for (Class<? extends Event> type : GoldenEvents.TYPES) {
            String name = type.getSimpleName();
            cases.add(Arguments.of(name + " fields reversed", reordered(type, fields -> Collections.reverse(fields))));
            cases.add(Arguments.of(name + " eventId last", reordered(type, fields -> moveToEnd(fields, "eventId"))));
            cases.add(Arguments.of(name + " eventType last",
                    reordered(type, fields -> moveToEnd(fields, "eventType"))));
            cases.add(Arguments.of(name + " header at the end", reordered(type, fields -> {
                moveToEnd(fields, "eventId");
                moveToEnd(fields, "signalId");
                moveToEnd(fields, "schemaVersion");
                moveToEnd(fields, "eventType");
            })));
            cases.add(Arguments.of(name + " eventType not first",
                    reordered(type, fields -> moveTo(fields, "eventType", 4))));
            cases.add(Arguments.of(name + " duplicate eventId, same value", (appendRaw(type,
                    "\"eventId\":" + GoldenEvents.tree(type).get("eventId")))));
            cases.add(Arguments.of(name + " duplicate eventId, other value", (appendRaw(type, "\"eventId\":\"x\""))));
            cases.add(Arguments.of(name + " duplicate eventType", (appendRaw(type, "\"eventType\":\"" + name + "\""))));
            cases.add(Arguments.of(name + " duplicate schemaVersion", (appendRaw(type, "\"schemaVersion\":1"))));
            cases.add(Arguments.of(name + " duplicate producedAt", (appendRaw(type,
                    "\"producedAt\":" + GoldenEvents.tree(type).get("producedAt")))));
            cases.add(Arguments.of(name + " unknown field", edited(type, json -> json.put("newerField", "1.5"))));
            for (String version : List.of("1.0", "\"1\"", "2", "2.0", "\"2\"", "0", "-1", "1e0", "2147483647",
                    "2147483648", "99999999999999999999", "null", "true", "{}", "[1]")) {
                cases.add(Arguments.of(name + " schemaVersion " + version, replaced(type, "schemaVersion", version)));
            }
            for (String eventType : List.of("null", "1", "{}", "[\"" + name + "\"]", "\"" + name.toLowerCase() + "\"",
                    "\"KlineOpened\"", "\"\"")) {
                cases.add(Arguments.of(name + " eventType " + eventType, replaced(type, "eventType", eventType)));
            }
            for (String eventId : List.of("null", "1", "{\"eventId\":\"x\"}", "\"\"", "\"other\"")) {
                cases.add(Arguments.of(name + " eventId " + eventId, replaced(type, "eventId", eventId)));
            }
            for (String field : List.of("eventId", "eventType", "schemaVersion")) {
                cases.add(Arguments.of(name + " without " + field, edited(type, json -> json.remove(field))));
            }
            cases.add(Arguments.of(name + " eventType only in a nested object", edited(type, json -> {
                json.remove("eventType");
                json.putObject("extra").put("eventType", name);
            })));
            cases.add(Arguments.of(name + " signalId 42 (unknown but for SignalGenerated)",
                    edited(type, json -> json.put("signalId", 42))));
            cases.add(Arguments.of(name + " signalId as a float out of BigDecimal's range",
                    (insertRaw(type, "\"signalId\":1e9999999999"))));
            // The tree holds every float as a BigDecimal; this one's exponent does not fit one: both paths refuse it.
            cases.add(Arguments.of(name + " unknown float out of BigDecimal's range",
                    (appendRaw(type, "\"newerField\":1e9999999999"))));
            cases.add(Arguments.of(name + " unknown tiny float out of BigDecimal's range, nested",
                    (appendRaw(type, "\"newerField\":{\"a\":[1,{\"b\":1e-9999999999}]}"))));
            cases.add(Arguments.of(name + " unknown float in BigDecimal's range",
                    (appendRaw(type, "\"newerField\":[1e999999999,-0.0,1.5e-7]"))));
            cases.add(Arguments.of(name + " unknown object with a duplicate key",
                    (appendRaw(type, "\"newerField\":{\"a\":1,\"a\":2}"))));
            cases.add(Arguments.of(name + " unknown field nested too deep",
                    (appendRaw(type, "\"newerField\":" + "[".repeat(1001) + "]".repeat(1001)))));
            cases.add(Arguments.of(name + " unknown number too long",
                    (appendRaw(type, "\"newerField\":1" + "0".repeat(1000)))));
            cases.add(Arguments.of(name + " unknown field with invalid UTF-8",
                    concat(appendRaw(type, "\"newerField\":\"a"), new byte[] {(byte) 0xC3, 0x28}, ascii("\"}"))));
            cases.add(Arguments.of(name + " an unknown field before the header holding header names",
                    reordered(type, fields -> { },
                            "{\"extra\":{\"eventId\":1,\"eventType\":\"Nope\",\"schemaVersion\":0},")));
            cases.add(Arguments.of(name + " with a byte order mark",
                    concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, GoldenEvents.bytes(type))));
            cases.add(Arguments.of(name + " then garbage", concat(GoldenEvents.bytes(type), ascii(" }"))));
            cases.add(Arguments.of(name + " then another object", concat(GoldenEvents.bytes(type), ascii("{}"))));
            cases.add(Arguments.of(name + " then a word", concat(GoldenEvents.bytes(type), ascii("x"))));
            cases.add(Arguments.of(name + " then whitespace", concat(GoldenEvents.bytes(type), ascii(" \n\t"))));
            cases.add(Arguments.of(name + " with a comment", concat(ascii("/* c */"), GoldenEvents.bytes(type))));
            cases.add(Arguments.of(name + " producedAt null", replaced(type, "producedAt", "null")));
        }
        String eventId = "\"BTCUSDT-1m-1700006400000\"";
        cases.add(Arguments.of("eventId with escapes", replaced(KlineClosed.class, "eventId",
                "\"BTCUSDT-1m-\\u0031700006400000\"")));
        cases.add(Arguments.of("eventId with a trailing space", replaced(KlineClosed.class, "eventId",
                eventId.replace("000\"", "000 \""))));
        cases.add(Arguments.of("decimals as JSON numbers", ascii(GoldenEvents.tree(KlineClosed.class).toString()
                .replace("\"open\":\"35559.10\"", "\"open\":35559.10")
                .replace("\"volume\":\"196.425\"", "\"volume\":0.0010"))));
        cases.add(Arguments.of("decimal as an exponent number", replaced(KlineClosed.class, "volume", "1.96425E2")));
        cases.add(Arguments.of("decimal as an integer", replaced(KlineClosed.class, "high", "35567")));
        cases.add(Arguments.of("decimal as a huge exponent number",
                replaced(KlineClosed.class, "volume", "1E+999999999")));
        cases.add(Arguments.of("decimal beyond BigDecimal", replaced(KlineClosed.class, "volume", "1e9999999999")));
        cases.add(Arguments.of("time beyond BigDecimal", replaced(KlineClosed.class, "openTime", "1e9999999999")));
        cases.add(Arguments.of("time beyond long", replaced(KlineClosed.class, "openTime", "99999999999999999999")));
        cases.add(Arguments.of("count as a float", replaced(KlineClosed.class, "trades", "1925.0")));
        cases.add(Arguments.of("indicator values with numbers", edited(IndicatorsComputed.class,
                json -> ((ObjectNode) json.get("values")).put("rsi(14)", new BigDecimal("61.270")))));
        for (String number : List.of("61", "-0", "-0.0", "1E+2", "1.5e-7", "123456789012345678901234567890",
                "1" + "0".repeat(70), "0." + "0".repeat(70) + "1")) {
            cases.add(Arguments.of("indicator value " + number, ascii(GoldenEvents.tree(IndicatorsComputed.class)
                    .toString().replace("\"rsi(14)\":\"61.27\"", "\"rsi(14)\":" + number))));
        }
        cases.add(Arguments.of("indicator values with a duplicate name",
                ascii(GoldenEvents.tree(IndicatorsComputed.class)
                .toString().replace("\"rsi(14)\":\"61.27\"", "\"rsi(14)\":\"61.27\",\"rsi(14)\":\"61.27\""))));
        cases.add(Arguments.of("indicator values empty", edited(IndicatorsComputed.class,
                json -> json.putObject("values"))));
        cases.add(Arguments.of("indicator values null",
                edited(IndicatorsComputed.class, json -> json.putNull("values"))));
        cases.add(Arguments.of("indicator value null", edited(IndicatorsComputed.class,
                json -> ((ObjectNode) json.get("values")).putNull("rsi(14)"))));
        cases.add(Arguments.of("strategy param as a float beyond BigDecimal",
                ascii(GoldenEvents.tree(BotDefinition.class)
                .toString().replace("\"fast\":\"9\"", "\"fast\":1e9999999999"))));
        cases.add(Arguments.of("risk with an unknown float beyond BigDecimal",
                ascii(GoldenEvents.tree(BotDefinition.class)
                .toString().replace("\"leverage\":10", "\"leverage\":10,\"x\":1e9999999999"))));
        cases.add(Arguments.of("OrderUpdated without its optional fields", absentOptionalOrderFields()));
        cases.add(Arguments.of("exit signal", edited(SignalGenerated.class, json -> {
            json.put("action", "EXIT_LONG");
            json.remove("stopLoss");
            json.remove("takeProfit");
        })));
        cases.add(Arguments.of("SignalGenerated without signalId",
                edited(SignalGenerated.class, json -> json.remove("signalId"))));
        cases.add(Arguments.of("SignalGenerated signalId null",
                edited(SignalGenerated.class, json -> json.putNull("signalId"))));
        cases.add(Arguments.of("SignalGenerated signalId mismatch", edited(SignalGenerated.class,
                json -> json.put("signalId", "something-else"))));
        cases.add(Arguments.of("SignalGenerated eventId and signalId mismatch", edited(SignalGenerated.class,
                json -> json.put("signalId", "something-else").put("eventId", "other"))));
        cases.add(Arguments.of("OrderUpdated with signalId inside the header",
                reordered(OrderUpdated.class, fields -> moveTo(fields, "signalId", 2))));
        cases.add(Arguments.of("SignalGenerated signalId last", reordered(SignalGenerated.class,
                fields -> moveToEnd(fields, "signalId"))));
        for (String raw : List.of("", " ", "null", "42", "\"KlineClosed\"", "[]", "[1, 2]", "{}", "{", "}",
                "{\"eventType\"",
                "{\"eventType\": \"KlineClosed\", ", "{\"eventType\":\"KlineClosed\",\"eventType\":\"KlineClosed\"}",
                "{\"eventId\":\"x\",\"eventType\":\"KlineClosed\",\"schemaVersion\":1}",
                "{\"eventId\":\"x\",\"eventType\":\"KlineClosed\",\"schemaVersion\":1} x",
                "{\"eventId\":\"x\",\"eventType\":\"SignalWatermark\",\"schemaVersion\":1,\"eventTime\":1}",
                "{'eventType':'KlineClosed'}", "{\"eventType\":\"KlineClosed\",}", "{} {}")) {
            cases.add(Arguments.of("raw " + raw, ascii(raw)));
        }
        for (Broken broken : DECODING_ERRORS) {
            cases.add(Arguments.of(broken.type().getSimpleName() + " " + broken.name(),
                    edited(broken.type(), broken.edit())));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyWayOfDecodingAgrees(String name, byte[] json) {
        assertAgree(name, json, GoldenEvents.TYPES);
    }

    /** Valid events written as the encoder writes them must be decoded by the streaming path itself. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedByTheStreamingPath")
    void theStreamingPathDecidesEveryValidEventWithItsHeaderFirst(
            String name, Class<? extends Event> type, byte[] json) {
        Event reference = EventCodec.decodeViaTree(json, type);

        assertThat(EventCodec.decodeStreaming(json, type)).isEqualTo(reference);
        assertThat(EventCodec.decodeAnyStreaming(json)).isEqualTo(reference);
    }

    static Stream<Arguments> acceptedByTheStreamingPath() {
        List<Arguments> cases = new ArrayList<>();
        for (Class<? extends Event> type : GoldenEvents.TYPES) {
            String name = type.getSimpleName();
            cases.add(Arguments.of("golden " + name, type, GoldenEvents.bytes(type)));
            cases.add(Arguments.of("encoded " + name, type, EventCodec.encode(GoldenEvents.event(type))));
            cases.add(Arguments.of(name + " header in another order", type, reordered(type, fields -> {
                moveTo(fields, "schemaVersion", 0);
                moveTo(fields, "eventId", 2);
            })));
            cases.add(Arguments.of(name + " schemaVersion 2", type, replaced(type, "schemaVersion", "2")));
            cases.add(Arguments.of(name + " unknown fields", type, appendRaw(type,
                    "\"newerField\":{\"a\":[1.5,-0.0,1e999999999,\"x\",null,true]},\"eventTime2\":1")));
        }
        cases.add(Arguments.of("BotDefinition-closePosition", BotDefinition.class,
                GoldenEvents.bytes("BotDefinition-closePosition")));
        cases.add(Arguments.of("decimals as JSON numbers", KlineClosed.class, ascii(GoldenEvents.tree(KlineClosed.class)
                .toString().replace("\"open\":\"35559.10\"", "\"open\":35559.10"))));
        cases.add(Arguments.of("eventId with escapes", KlineClosed.class, replaced(KlineClosed.class, "eventId",
                "\"BTCUSDT-1m-\\u0031700006400000\"")));
        cases.add(Arguments.of("OrderUpdated without its optional fields", OrderUpdated.class,
                absentOptionalOrderFields()));
        cases.add(Arguments.of("OrderUpdated with its signalId right after the header", OrderUpdated.class,
                reordered(OrderUpdated.class, fields -> moveTo(fields, "signalId", 3))));
        return cases.stream();
    }

    /** Only the encoder's field order is worth a fast path: other orders are rare, and the tree path is exact. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("leftToTheTreePath")
    void validEventsInAnotherOrderAreLeftToTheTreePath(String name, Class<? extends Event> type, byte[] json) {
        assertThat(EventCodec.decodeStreaming(json, type)).isNull();
        assertThat(EventCodec.decodeAnyStreaming(json)).isNull();
        assertThat(EventCodec.decode(json, type)).isEqualTo(GoldenEvents.event(type));
    }

    static Stream<Arguments> leftToTheTreePath() {
        List<Arguments> cases = new ArrayList<>();
        for (Class<? extends Event> type : GoldenEvents.TYPES) {
            String name = type.getSimpleName();
            cases.add(Arguments.of(name + " fields reversed", type,
                    reordered(type, fields -> Collections.reverse(fields))));
            cases.add(Arguments.of(name + " eventId last", type,
                    reordered(type, fields -> moveToEnd(fields, "eventId"))));
            cases.add(Arguments.of(name + " eventType not first", type,
                    reordered(type, fields -> moveTo(fields, "eventType", 4))));
        }
        cases.add(Arguments.of("SignalGenerated with signalId before eventType", SignalGenerated.class,
                reordered(SignalGenerated.class, fields -> moveTo(fields, "signalId", 0))));
        // Its signalId is the record's own field: the header must not swallow it.
        cases.add(Arguments.of("OrderUpdated with signalId inside the header", OrderUpdated.class,
                reordered(OrderUpdated.class, fields -> moveTo(fields, "signalId", 2))));
        return cases.stream();
    }

    @Test
    void everyTruncationOfEveryGoldenAgrees() {
        for (String name : GOLDEN_NAMES) {
            byte[] golden = compact(GoldenEvents.bytes(name));
            Class<? extends Event> type = typeOf(name);
            for (int length = 0; length < golden.length; length++) {
                assertAgree(name + " cut to " + length + " bytes", Arrays.copyOf(golden, length), List.of(type));
            }
        }
    }

    @Test
    void everyOneByteDeletionFromEveryGoldenAgrees() {
        for (String name : GOLDEN_NAMES) {
            byte[] golden = compact(GoldenEvents.bytes(name));
            Class<? extends Event> type = typeOf(name);
            for (int at = 0; at < golden.length; at++) {
                byte[] json = new byte[golden.length - 1];
                System.arraycopy(golden, 0, json, 0, at);
                System.arraycopy(golden, at + 1, json, at, golden.length - at - 1);
                assertAgree(name + " without byte " + at, json, List.of(type));
            }
        }
    }

    @Test
    void anUnknownFloatOutOfRangeIsAnEventDecodingErrorSoItGoesToTheDeadLetters() {
        // Jackson lets a NumberFormatException out for it; callers catch EventDecodingException to dead-letter a record.
        byte[] json = appendRaw(KlineClosed.class, "\"newerField\":1e9999999999");

        Outcome outcome = outcome(() -> EventCodec.decode(json, KlineClosed.class));

        assertThat(outcome.exception()).isEqualTo(EventDecodingException.class.getName());
        assertThat(outcome.message()).startsWith("KlineClosed: not valid JSON: a number out of range");
    }

    private static void assertAgree(String name, byte[] json, List<Class<? extends Event>> types) {
        for (Class<? extends Event> type : types) {
            assertThat(outcome(() -> EventCodec.decode(json, type)))
                    .as("%s decoded as %s", name, type.getSimpleName())
                    .isEqualTo(outcome(() -> EventCodec.decodeViaTree(json, type)));
        }
        Outcome any = outcome(() -> EventCodec.decodeAnyViaTree(json));
        assertThat(outcome(() -> EventCodec.decodeAny(json))).as("%s with decodeAny", name).isEqualTo(any);
        assertThat(outcome(() -> EventCodec.decode(json, Event.class))).as("%s decoded as Event", name).isEqualTo(any);
    }

    /** An event with its bytes (equal records could still differ in a decimal's scale), or what was thrown. */
    private record Outcome(Event event, String encoded, String exception, String message, String eventType,
            String field, String cause) {
    }

    private static Outcome outcome(Supplier<? extends Event> decode) {
        try {
            Event event = decode.get();
            return new Outcome(event, EventCodec.encodeToString(event), null, null, null, null, null);
        } catch (RuntimeException e) {
            String cause = e.getCause() == null ? null : e.getCause().getClass().getName();
            return e instanceof EventDecodingException decoding
                    ? new Outcome(null, null, e.getClass().getName(), e.getMessage(), decoding.eventType(),
                            decoding.field(), cause)
                    : new Outcome(null, null, e.getClass().getName(), e.getMessage(), null, null, cause);
        }
    }

    /** The broken events of DecodingErrorsTest, each a change to its type's golden sample. */
    private record Broken(Class<? extends Event> type, String name, Consumer<ObjectNode> edit) {
    }

    private static final List<Broken> DECODING_ERRORS = List.of(
            new Broken(KlineClosed.class, "missing close", json -> json.remove("close")),
            new Broken(KlineClosed.class, "null symbol", json -> json.putNull("symbol")),
            new Broken(KlineClosed.class, "missing openTime", json -> json.remove("openTime")),
            new Broken(KlineClosed.class, "missing trades", json -> json.remove("trades")),
            new Broken(IndicatorsComputed.class, "missing stable", json -> json.remove("stable")),
            new Broken(BotDefinition.class, "missing risk.leverage",
                    json -> ((ObjectNode) json.get("risk")).remove("leverage")),
            new Broken(KlineClosed.class, "bad decimal", json -> json.put("open", "abc")),
            new Broken(OrderUpdated.class, "empty decimal", json -> json.put("quantity", "")),
            new Broken(KlineClosed.class, "absurd exponent", json -> json.put("volume", "1E+999999999")),
            new Broken(IndicatorsComputed.class, "bad decimal in a map",
                    json -> ((ObjectNode) json.get("values")).put("rsi(14)", "n/a")),
            new Broken(KlineClosed.class, "integer as a string", json -> json.put("trades", "1925")),
            new Broken(KlineClosed.class, "fraction for an integer", json -> json.put("openTime", 1700006400000.5)),
            new Broken(KlineClosed.class, "boolean for a decimal", json -> json.put("high", true)),
            new Broken(OrderUpdated.class, "string for a boolean", json -> json.put("reduceOnly", "false")),
            new Broken(SignalGenerated.class, "number for a string", json -> json.put("botId", 42)),
            new Broken(BotDefinition.class, "string for an object", json -> json.put("risk", "high")),
            new Broken(SignalGenerated.class, "unknown enum value", json -> json.put("action", "BUY_NOW")),
            new Broken(SignalGenerated.class, "enum index", json -> json.put("action", 0)),
            new Broken(KlineClosed.class, "unknown interval", json -> json.put("interval", "2m")),
            new Broken(KlineClosed.class, "upper-case interval", json -> json.put("interval", "1H")),
            new Broken(KlineClosed.class, "upper-case source", json -> json.put("source", "BINANCE")),
            new Broken(KlineClosed.class, "invalid symbol", json -> json.put("symbol", "BTC-USDT")),
            new Broken(KlineClosed.class, "lower-case symbol", json -> json.put("symbol", "btcusdt")),
            new Broken(KlineClosed.class, "missing eventType", json -> json.remove("eventType")),
            new Broken(KlineClosed.class, "unknown eventType", json -> json.put("eventType", "KlineOpened")),
            new Broken(PositionChanged.class, "missing entryPrice", json -> json.remove("entryPrice")),
            new Broken(KlineClosed.class, "missing schemaVersion", json -> json.remove("schemaVersion")),
            new Broken(KlineClosed.class, "schemaVersion 0", json -> json.put("schemaVersion", 0)),
            new Broken(KlineClosed.class, "eventId mismatch", json -> json.put("eventId", "BTCUSDT-1m-1700006340000")),
            new Broken(OrderUpdated.class, "missing eventId", json -> json.remove("eventId")),
            new Broken(SignalGenerated.class, "signalId mismatch", json -> json.put("signalId", "something-else")),
            new Broken(SignalGenerated.class, "entry without stopLoss", json -> json.remove("stopLoss")),
            new Broken(SignalGenerated.class, "exit with takeProfit", json -> {
                json.put("action", "EXIT_LONG");
                json.remove("stopLoss");
            }),
            new Broken(SignalGenerated.class, "stopLoss above the price", json -> json.put("stopLoss", "35600")),
            new Broken(KlineClosed.class, "inconsistent kline", json -> json.put("high", "35500")),
            new Broken(PositionChanged.class, "closed without closedAt", json -> json.remove("closedAt")),
            new Broken(BotDefinition.class, "leverage 200",
                    json -> ((ObjectNode) json.get("risk")).put("leverage", 200)),
            new Broken(BotDefinition.class, "closePosition while running", json -> json.put("closePosition", true)),
            new Broken(BotDefinition.class, "closePosition as a string",
                    json -> json.put("status", "STOPPED").put("closePosition", "true")),
            new Broken(BotDefinition.class, "closePosition null", json -> json.putNull("closePosition")),
            new Broken(KlineClosed.class, "unknown field", json -> json.put("takerBuyVolume", "116.930")),
            new Broken(KlineClosed.class, "volume 0.0010", json -> json.put("volume", "0.0010")),
            new Broken(KlineClosed.class, "volume 1E+3", json -> json.put("volume", "1E+3")));

    private static byte[] absentOptionalOrderFields() {
        return edited(OrderUpdated.class, json -> {
            for (String optional : new String[] {"exchangeOrderId", "signalId", "averagePrice", "lastFillQuantity",
                    "lastFillPrice", "fee", "feeAsset", "tradeId"}) {
                json.remove(optional);
            }
            json.put("status", "NEW").put("filledQuantity", "0")
                    .put("eventId", "tf-362da4596abd439568d5d88ec712-E-NEW-0");
        });
    }

    private static Class<? extends Event> typeOf(String goldenName) {
        String typeName = goldenName.contains("-") ? goldenName.substring(0, goldenName.indexOf('-')) : goldenName;
        return GoldenEvents.TYPES.stream().filter(type -> type.getSimpleName().equals(typeName))
                .findFirst().orElseThrow();
    }

    private static byte[] edited(Class<? extends Event> type, Consumer<ObjectNode> edit) {
        ObjectNode json = GoldenEvents.tree(type);
        edit.accept(json);
        return ascii(json.toString());
    }

    /** The golden sample with one field's value replaced by raw JSON text (which may be invalid). */
    private static byte[] replaced(Class<? extends Event> type, String field, String rawValue) {
        return reordered(type, fields -> { }, "{", Map.of(field, rawValue));
    }

    private static byte[] reordered(Class<? extends Event> type, Consumer<List<String>> reorder) {
        return reordered(type, reorder, "{");
    }

    private static byte[] reordered(Class<? extends Event> type, Consumer<List<String>> reorder, String opening) {
        return reordered(type, reorder, opening, Map.of());
    }

    /** The golden sample written field by field in the order {@code reorder} leaves, some values raw. */
    private static byte[] reordered(Class<? extends Event> type, Consumer<List<String>> reorder, String opening,
            Map<String, String> rawValues) {
        ObjectNode json = GoldenEvents.tree(type);
        List<String> fields = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            fields.add(names.next());
        }
        reorder.accept(fields);
        StringBuilder text = new StringBuilder(opening);
        for (String field : fields) {
            JsonNode value = json.get(field);
            text.append(text.length() > opening.length() ? "," : "").append('"').append(field).append("\":")
                    .append(rawValues.getOrDefault(field, value.toString()));
        }
        return ascii(text.append('}').toString());
    }

    private static void moveToEnd(List<String> fields, String field) {
        if (fields.remove(field)) {
            fields.add(field);
        }
    }

    private static void moveTo(List<String> fields, String field, int index) {
        if (fields.remove(field)) {
            fields.add(Math.min(index, fields.size()), field);
        }
    }

    /** The golden sample with raw text added as its last field(s). */
    private static byte[] appendRaw(Class<? extends Event> type, String rawFields) {
        String compact = GoldenEvents.tree(type).toString();
        return ascii(compact.substring(0, compact.length() - 1) + "," + rawFields + "}");
    }

    /** The golden sample with raw text added as its first field(s). */
    private static byte[] insertRaw(Class<? extends Event> type, String rawFields) {
        return ascii("{" + rawFields + "," + GoldenEvents.tree(type).toString().substring(1));
    }


    private static byte[] compact(byte[] json) {
        try {
            return PLAIN.writeValueAsBytes(PLAIN.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
