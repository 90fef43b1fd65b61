package io.tradeflow.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.SignalGenerated;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DecodingErrorsTest {

    @Test
    void missingRequiredField() {
        var error = decodeBroken(KlineClosed.class, json -> json.remove("close"));

        assertThat(error).hasMessage("KlineClosed: missing required field 'close'");
        assertThat(error.eventType()).isEqualTo("KlineClosed");
        assertThat(error.field()).isEqualTo("close");
    }

    @Test
    void nullRequiredFieldIsMissing() {
        var error = decodeBroken(KlineClosed.class, json -> json.putNull("symbol"));

        assertThat(error).hasMessage("KlineClosed: missing required field 'symbol'");
    }

    @Test
    void missingRequiredTime() {
        var error = decodeBroken(KlineClosed.class, json -> json.remove("openTime"));

        assertThat(error).hasMessage("KlineClosed: missing required field 'openTime'");
        assertThat(error.field()).isEqualTo("openTime");
    }

    @Test
    void missingRequiredCount() {
        var error = decodeBroken(KlineClosed.class, json -> json.remove("trades"));

        assertThat(error).hasMessage("KlineClosed: missing required field 'trades'");
    }

    @Test
    void missingRequiredBoolean() {
        var error = decodeBroken(IndicatorsComputed.class, json -> json.remove("stable"));

        assertThat(error).hasMessage("IndicatorsComputed: missing required field 'stable'");
    }

    @Test
    void missingNestedField() {
        var error = decodeBroken(BotDefinition.class, json -> ((ObjectNode) json.get("risk")).remove("leverage"));

        assertThat(error).hasMessage("BotDefinition: missing required field 'risk.leverage'");
        assertThat(error.field()).isEqualTo("risk.leverage");
    }

    @Test
    void badDecimal() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("open", "abc"));

        assertThat(error).hasMessage("KlineClosed: field 'open' is not a decimal: \"abc\"");
        assertThat(error.field()).isEqualTo("open");
    }

    @Test
    void emptyDecimal() {
        var error = decodeBroken(OrderUpdated.class, json -> json.put("quantity", ""));

        assertThat(error).hasMessage("OrderUpdated: field 'quantity' is not a decimal: \"\"");
    }

    @Test
    void absurdExponentIsNotADecimal() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("volume", "1E+999999999"));

        assertThat(error).hasMessage("KlineClosed: field 'volume' is not a decimal: \"1E+999999999\"");
    }

    @Test
    void badDecimalInsideAMap() {
        var error = decodeBroken(IndicatorsComputed.class,
                json -> ((ObjectNode) json.get("values")).put("rsi(14)", "n/a"));

        assertThat(error).hasMessage("IndicatorsComputed: field 'values.rsi(14)' is not a decimal: \"n/a\"");
    }

    @Test
    void wrongTypeForAnInteger() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("trades", "1925"));

        assertThat(error).hasMessage("KlineClosed: field 'trades' has the wrong type (expected an integer)");
        assertThat(error.field()).isEqualTo("trades");
    }

    @Test
    void fractionForAnInteger() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("openTime", 1700006400000.5));

        assertThat(error).hasMessage("KlineClosed: field 'openTime' has the wrong type (expected an integer)");
    }

    @Test
    void wrongTypeForADecimal() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("high", true));

        assertThat(error).hasMessage("KlineClosed: field 'high' has the wrong type (expected a decimal)");
    }

    @Test
    void wrongTypeForABoolean() {
        var error = decodeBroken(OrderUpdated.class, json -> json.put("reduceOnly", "false"));

        assertThat(error).hasMessage("OrderUpdated: field 'reduceOnly' has the wrong type (expected true or false)");
    }

    @Test
    void wrongTypeForAString() {
        var error = decodeBroken(SignalGenerated.class, json -> json.put("botId", 42));

        assertThat(error).hasMessage("SignalGenerated: field 'botId' has the wrong type (expected a string)");
    }

    @Test
    void wrongTypeForAnObject() {
        var error = decodeBroken(BotDefinition.class, json -> json.put("risk", "high"));

        assertThat(error).hasMessage("BotDefinition: field 'risk' has the wrong type (expected an object)");
    }

    @Test
    void unknownEnumValue() {
        var error = decodeBroken(SignalGenerated.class, json -> json.put("action", "BUY_NOW"));

        assertThat(error).hasMessage("SignalGenerated: field 'action' has unknown value 'BUY_NOW'"
                + " (expected one of ENTER_LONG, ENTER_SHORT, EXIT_LONG, EXIT_SHORT)");
        assertThat(error.field()).isEqualTo("action");
    }

    @Test
    void enumsAreNotReadFromTheirIndex() {
        var error = decodeBroken(SignalGenerated.class, json -> json.put("action", 0));

        assertThat(error).hasMessage("SignalGenerated: field 'action' has the wrong type (expected a string)");
    }

    @Test
    void unknownIntervalListsTheCodes() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("interval", "2m"));

        assertThat(error).hasMessage("KlineClosed: field 'interval' has unknown value '2m'"
                + " (expected one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M)");
    }

    @Test
    void intervalCodesAreCaseSensitive() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("interval", "1H"));

        assertThat(error.getMessage()).startsWith("KlineClosed: field 'interval' has unknown value '1H'");
    }

    @Test
    void unknownSourceListsTheLowerCaseCodes() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("source", "BINANCE"));

        assertThat(error).hasMessage(
                "KlineClosed: field 'source' has unknown value 'BINANCE' (expected one of binance, replay)");
    }

    @Test
    void invalidSymbol() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("symbol", "BTC-USDT"));

        assertThat(error).hasMessage("KlineClosed: field 'symbol' is invalid: invalid symbol 'BTC-USDT'"
                + " (expected 1 to 32 of A-Z, 0-9, _ such as BTCUSDT or BTCUSD_PERP)");
        assertThat(error.field()).isEqualTo("symbol");
    }

    @Test
    void lowerCaseSymbolIsRejectedBecauseItIsAlsoTheKey() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("symbol", "btcusdt"));

        assertThat(error.field()).isEqualTo("symbol");
        assertThat(error.getMessage()).startsWith("KlineClosed: field 'symbol' is invalid: invalid symbol 'btcusdt'");
    }

    @Test
    void notValidJson() {
        var error = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode("{\"eventType\": \"KlineClosed\", ".getBytes(StandardCharsets.UTF_8),
                        KlineClosed.class));

        assertThat(error.getMessage()).startsWith("KlineClosed: not valid JSON: ");
        assertThat(error.eventType()).isEqualTo("KlineClosed");
        assertThat(error.field()).isNull();
    }

    @Test
    void emptyPayloadIsNotValidJson() {
        var error = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode(new byte[0], OrderUpdated.class));

        assertThat(error).hasMessage("OrderUpdated: not valid JSON: no content");
    }

    @Test
    void trailingGarbageIsNotValidJson() {
        var error = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode(new String(GoldenEvents.bytes(KlineClosed.class), StandardCharsets.UTF_8)
                        + " }", KlineClosed.class));

        assertThat(error.getMessage()).startsWith("KlineClosed: not valid JSON: ");
    }

    @Test
    void duplicateFieldIsNotValidJson() {
        var error = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode("{\"eventType\":\"KlineClosed\",\"eventType\":\"KlineClosed\"}",
                        KlineClosed.class));

        assertThat(error.getMessage()).startsWith("KlineClosed: not valid JSON: Duplicate field 'eventType'");
    }

    @Test
    void notAnObject() {
        var error = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode("[1, 2]", KlineClosed.class));

        assertThat(error).hasMessage("KlineClosed: not a JSON object but array");
    }

    @Test
    void wrongEventType() {
        var error = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decode(GoldenEvents.bytes(SignalGenerated.class), KlineClosed.class));

        assertThat(error).hasMessage("KlineClosed: field 'eventType' is 'SignalGenerated' (expected 'KlineClosed')");
        assertThat(error.field()).isEqualTo("eventType");
    }

    @Test
    void missingEventType() {
        var error = decodeBroken(KlineClosed.class, json -> json.remove("eventType"));

        assertThat(error).hasMessage("KlineClosed: missing required field 'eventType'");
    }

    @Test
    void unknownEventTypeWhenDecodingAny() {
        ObjectNode json = GoldenEvents.tree(KlineClosed.class).put("eventType", "KlineOpened");

        var error = catchThrowableOfType(EventDecodingException.class,
                () -> EventCodec.decodeAny(json.toString()));

        assertThat(error).hasMessage("Event: field 'eventType' has unknown value 'KlineOpened' (expected one of"
                + " KlineClosed, IndicatorsComputed, SignalGenerated, SignalWatermark, OrderUpdated, PositionChanged, BotDefinition)");
        assertThat(error.eventType()).isEqualTo("Event");
    }

    @Test
    void decodeAnyReportsFieldsUnderTheRecognisedType() {
        ObjectNode json = GoldenEvents.tree(PositionChanged.class);
        json.remove("entryPrice");

        var error = catchThrowableOfType(EventDecodingException.class, () -> EventCodec.decodeAny(json.toString()));

        assertThat(error).hasMessage("PositionChanged: missing required field 'entryPrice'");
    }

    @Test
    void missingSchemaVersion() {
        var error = decodeBroken(KlineClosed.class, json -> json.remove("schemaVersion"));

        assertThat(error).hasMessage("KlineClosed: missing required field 'schemaVersion'");
    }

    @Test
    void schemaVersionBeforeTheFirst() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("schemaVersion", 0));

        assertThat(error).hasMessage("KlineClosed: field 'schemaVersion' has unsupported value 0 (expected 1 or later)");
    }

    @Test
    void eventIdMismatch() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("eventId", "BTCUSDT-1m-1700006340000"));

        assertThat(error).hasMessage("KlineClosed: field 'eventId' is 'BTCUSDT-1m-1700006340000'"
                + " but the event's fields make it 'BTCUSDT-1m-1700006400000'");
        assertThat(error.field()).isEqualTo("eventId");
    }

    @Test
    void missingEventId() {
        var error = decodeBroken(OrderUpdated.class, json -> json.remove("eventId"));

        assertThat(error).hasMessage("OrderUpdated: missing required field 'eventId'");
    }

    @Test
    void signalIdMismatch() {
        var error = decodeBroken(SignalGenerated.class, json -> json.put("signalId", "something-else"));

        assertThat(error).hasMessage("SignalGenerated: field 'signalId' is 'something-else'"
                + " but the event's fields make it 'btc-ema-cross-BTCUSDT-1m-1700006400000'");
    }

    @Test
    void entrySignalWithoutStopLoss() {
        var error = decodeBroken(SignalGenerated.class, json -> json.remove("stopLoss"));

        assertThat(error).hasMessage("SignalGenerated: missing required field 'stopLoss'");
        assertThat(error.field()).isEqualTo("stopLoss");
    }

    @Test
    void exitSignalWithTakeProfit() {
        var error = decodeBroken(SignalGenerated.class, json -> {
            json.put("action", "EXIT_LONG");
            json.remove("stopLoss");
        });

        assertThat(error).hasMessage("SignalGenerated: field 'takeProfit' must be absent for EXIT_LONG");
    }

    @Test
    void longStopLossAboveThePrice() {
        var error = decodeBroken(SignalGenerated.class, json -> json.put("stopLoss", "35600"));

        assertThat(error).hasMessage(
                "SignalGenerated: field 'stopLoss' must be below referencePrice 35565.40 for ENTER_LONG: 35600");
    }

    @Test
    void inconsistentKline() {
        var error = decodeBroken(KlineClosed.class, json -> json.put("high", "35500"));

        assertThat(error).hasMessage("KlineClosed: not a valid kline: high 35500 is below low 35544.60");
        assertThat(error.field()).isNull();
    }

    @Test
    void closedPositionWithoutClosedAt() {
        var error = decodeBroken(PositionChanged.class, json -> json.remove("closedAt"));

        assertThat(error).hasMessage("PositionChanged: missing required field 'closedAt'");
    }

    @Test
    void nestedRuleNamesTheNestedField() {
        var error = decodeBroken(BotDefinition.class, json -> ((ObjectNode) json.get("risk")).put("leverage", 200));

        assertThat(error).hasMessage("BotDefinition: field 'risk.leverage' must be between 1 and 125: 200");
        assertThat(error.field()).isEqualTo("risk.leverage");
    }

    @Test
    void closePositionOnlyWithAStop() {
        var error = decodeBroken(BotDefinition.class, json -> json.put("closePosition", true));

        assertThat(error).hasMessage("BotDefinition: field 'closePosition' must be false unless status is STOPPED");
        assertThat(error.field()).isEqualTo("closePosition");
    }

    @Test
    void closePositionIsStrictlyABoolean() {
        var error = decodeBroken(BotDefinition.class, json -> json.put("status", "STOPPED").put("closePosition", "true"));

        assertThat(error).hasMessage("BotDefinition: field 'closePosition' has the wrong type (expected true or false)");
    }

    @Test
    void closePositionNullIsAbsent() {
        ObjectNode json = GoldenEvents.tree(BotDefinition.class).putNull("closePosition");

        assertThat(EventCodec.decode(json.toString(), BotDefinition.class).closePosition()).isFalse();
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode json = GoldenEvents.tree(KlineClosed.class).put("takerBuyVolume", "116.930");

        assertThat(EventCodec.decode(json.toString(), KlineClosed.class))
                .isEqualTo(GoldenEvents.event(KlineClosed.class));
    }

    @Test
    void absentOptionalFieldsAreFine() {
        ObjectNode json = GoldenEvents.tree(OrderUpdated.class);
        for (String optional : new String[] {"exchangeOrderId", "signalId", "averagePrice", "lastFillQuantity",
                "lastFillPrice", "fee", "feeAsset", "tradeId"}) {
            json.remove(optional);
        }
        json.put("status", "NEW").put("filledQuantity", "0").put("eventId", "tf-362da4596abd439568d5d88ec712-E-NEW-0");

        OrderUpdated order = EventCodec.decode(json.toString(), OrderUpdated.class);

        assertThat(order.exchangeOrderId()).isNull();
        assertThat(order.averagePrice()).isNull();
        assertThat(EventCodec.encodeToString(order)).doesNotContain("averagePrice").doesNotContain("null");
    }

    private static EventDecodingException decodeBroken(Class<? extends Event> type, Consumer<ObjectNode> breakIt) {
        ObjectNode json = GoldenEvents.tree(type);
        breakIt.accept(json);
        return catchThrowableOfType(EventDecodingException.class, () -> EventCodec.decode(json.toString(), type));
    }
}
