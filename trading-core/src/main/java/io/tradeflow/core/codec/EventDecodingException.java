package io.tradeflow.core.codec;

/**
 * Bytes that are not a valid event of the expected type. The message names the event type and the field, e.g.
 * {@code KlineClosed: missing required field 'close'}; Kafka consumers let it route the record to the dead-letter
 * topic.
 */
public class EventDecodingException extends RuntimeException {

    private final String eventType;
    private final String field;

    public EventDecodingException(String eventType, String field, String problem, Throwable cause) {
        super(eventType + ": " + problem, cause);
        this.eventType = eventType;
        this.field = field;
    }

    /** The expected event type, or {@code Event} when decoding any event and the type is not known yet. */
    public String eventType() {
        return eventType;
    }

    /** The offending field, dotted for nested ones ({@code risk.leverage}), or null if the problem is not a field's. */
    public String field() {
        return field;
    }
}
