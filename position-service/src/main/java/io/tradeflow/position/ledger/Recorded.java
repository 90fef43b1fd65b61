package io.tradeflow.position.ledger;

import java.util.List;

/**
 * What the ledger did with one order event, and the {@code PositionChanged} records to publish after its transaction
 * committed.
 *
 * @param events for {@link Outcome#BOOKED}, the events of this fill; for {@link Outcome#DUPLICATE}, the events stored
 *               with the fill the first time (the caller publishes those Kafka does not have yet)
 */
public record Recorded(Outcome outcome, List<Publishable> events, String detail) {

    public enum Outcome {
        /** A new fill: positions, trade, statistics and events written. */
        BOOKED,
        /** A fill booked before (redelivered): nothing written. */
        DUPLICATE,
        /** A stop-loss order of an open position's signal: its initial stop set. */
        STOP_SET,
        /** Nothing to book (an order state without a fill). */
        IGNORED
    }

    /** A record for {@code positions.v1}: its event id, key (the symbol) and bytes. */
    public record Publishable(String eventId, String key, byte[] payload) {
    }

    public Recorded {
        events = List.copyOf(events);
    }

    static Recorded of(Outcome outcome, String detail) {
        return new Recorded(outcome, List.of(), detail);
    }
}
