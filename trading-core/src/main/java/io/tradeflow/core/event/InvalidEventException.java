package io.tradeflow.core.event;

/**
 * An event that breaks its contract, e.g. a missing required field or an entry signal without a stop-loss. Thrown by
 * the event records themselves, so building an event in code and decoding one from Kafka reject the same things with
 * the same message.
 */
public class InvalidEventException extends IllegalArgumentException {

    private final String eventType;
    private final String field;

    /** @param field the offending field (dotted for nested ones, e.g. {@code risk.leverage}), or null if none is */
    public InvalidEventException(String eventType, String field, String problem) {
        super(eventType + ": " + problem);
        this.eventType = eventType;
        this.field = field;
    }

    public String eventType() {
        return eventType;
    }

    /** The offending field, or null when the problem is not one field's. */
    public String field() {
        return field;
    }

    /** The message without the leading event type. */
    public String problem() {
        return getMessage().substring(eventType.length() + 2);
    }
}
