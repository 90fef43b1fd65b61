package io.tradeflow.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes decimals as JSON strings in plain notation with their scale: {@code "0.0010"}, never {@code 0.001} or
 * {@code 1E+3}. A JSON number would be read as a binary double by most tools and lose digits.
 */
final class DecimalSerializer extends StdSerializer<BigDecimal> {

    DecimalSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(value.toPlainString());
    }
}
