package io.tradeflow.core.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a decimal from a JSON string (what we write) or a JSON number (what a hand-written event may hold), keeping
 * its exact digits and scale.
 */
final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

    /**
     * Bounds on digits and exponent: {@code "1E+999999999"} is a short string but a billion-digit
     * {@code toPlainString()}, which would take a consumer down instead of going to the dead-letter topic.
     */
    private static final int MAX_DIGITS = 64;

    DecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> parse(parser.getText(), context);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> bounded(parser.getDecimalValue(), parser.getText(), context);
            default -> (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
        };
    }

    private static BigDecimal parse(String text, DeserializationContext context) throws IOException {
        try {
            return bounded(new BigDecimal(text), text, context);
        } catch (NumberFormatException e) {
            return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, "not a decimal");
        }
    }

    private static BigDecimal bounded(BigDecimal value, String text, DeserializationContext context)
            throws IOException {
        if (value.precision() > MAX_DIGITS || Math.abs(value.scale()) > MAX_DIGITS) {
            return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text,
                    "more than " + MAX_DIGITS + " digits or exponent");
        }
        return value;
    }
}
