package io.tradeflow.core.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;

/**
 * Reads the value of a field the event record does not have (a newer producer's optional field) as the tree path
 * does, so that both refuse the same records. The tree holds every JSON float as a BigDecimal
 * (USE_BIG_DECIMAL_FOR_FLOATS) and fails on one whose exponent does not fit, such as 1e9999999999, where a plain
 * skip would not look at it; everything else a skip checks as strictly as the tree (syntax, duplicates, lengths).
 */
final class UnknownFieldsAsTheTreeReadsThem extends DeserializationProblemHandler {

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
            JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
        int depth = 0;
        for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                parser.getDecimalValue();
            }
            if (depth == 0) {
                break; // on the value's last token, as skipChildren() leaves it
            }
        }
        return true;
    }
}
