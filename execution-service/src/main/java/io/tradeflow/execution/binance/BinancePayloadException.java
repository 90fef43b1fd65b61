package io.tradeflow.execution.binance;

/**
 * A Binance payload (user-data event or REST answer) that cannot be read: not JSON, or a field we rely on is missing or
 * of the wrong kind. The message names the payload and the field, e.g.
 * {@code ORDER_TRADE_UPDATE: o.X (status) is missing}; it never carries the whole payload (a {@code listenKeyExpired}
 * event holds the listen key).
 */
public final class BinancePayloadException extends RuntimeException {

    private final String payload;
    private final String field;

    BinancePayloadException(String payload, String field, String problem) {
        super(payload + ": " + (field == null ? problem : field + " " + problem));
        this.payload = payload;
        this.field = field;
    }

    /** What was being read: the event type ({@code ORDER_TRADE_UPDATE}) or the answer ({@code order answer}). */
    public String payload() {
        return payload;
    }

    /** The Binance field path at fault ({@code o.X}), with its readable name; null when the payload as a whole is bad. */
    public String field() {
        return field;
    }
}
