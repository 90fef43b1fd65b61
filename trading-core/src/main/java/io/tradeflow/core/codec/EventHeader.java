package io.tradeflow.core.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.SignalGenerated;
import java.io.IOException;

/**
 * The top-level fields that are not the event record's own but that the tree path checks: eventId, eventType,
 * schemaVersion, and signalId for a SignalGenerated (for an OrderUpdated, signalId is the record's own).
 */
record EventHeader(String eventId, String eventType, String signalId) {

    private static final String SIGNAL = SignalGenerated.class.getSimpleName();

    /**
     * Reads the header from the front of the object and leaves the parser on the token after it, where the
     * record's fields start. Null when the bytes are not an object or the header is not complete and valid before
     * the first other field: the tree path decides those (a field missing, null or of the wrong type, an old
     * schemaVersion, or just another field order).
     */
    static EventHeader read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String eventId = null;
        String eventType = null;
        String signalId = null;
        boolean supportedVersion = false;
        while (eventId == null || eventType == null || !supportedVersion
                || signalId == null && eventType.equals(SIGNAL)) {
            if (parser.nextToken() != JsonToken.FIELD_NAME) {
                return null;
            }
            // False for a value that is null or of the wrong type, and for a field of the record's own.
            boolean valid = switch (parser.currentName()) {
                case "eventId" -> (eventId = parser.nextTextValue()) != null;
                case "eventType" -> (eventType = parser.nextTextValue()) != null;
                case "signalId" -> SIGNAL.equals(eventType) && (signalId = parser.nextTextValue()) != null;
                // As the tree path: an int-sized integer (not 1.0, "1" or 2^31), at least the first version.
                case "schemaVersion" -> supportedVersion = parser.nextToken() == JsonToken.VALUE_NUMBER_INT
                        && parser.getNumberType() == JsonParser.NumberType.INT
                        && parser.getIntValue() >= Event.SCHEMA_VERSION;
                default -> false;
            };
            if (!valid) {
                return null;
            }
        }
        parser.nextToken();
        return new EventHeader(eventId, eventType, signalId);
    }
}
