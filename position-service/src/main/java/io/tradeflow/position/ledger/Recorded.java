package io.tradeflow.position.ledger;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the ledger did with one order event, and the {@code PositionChanged} records to publish after its transaction
 * committed.
 *
 * @param events     for {@link Outcome#BOOKED}, the events of this fill; for {@link Outcome#DUPLICATE}, the events
 *                   stored with the fill the first time (the caller publishes those Kafka does not have yet); in the
 *                   order to publish them
 * @param bookedAt   epoch ms the fill was booked (for a duplicate: the first time); 0 when nothing was booked
 * @param openChange how the number of open positions changed: +1 opened, -1 closed, 0 both or neither
 * @param total      the bot's statistics after a position closed, else null
 */
public record Recorded(Outcome outcome, List<Publishable> events, String detail, long bookedAt, int openChange,
        BotTotal total) {

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

    /** A bot's net realized PnL over its closed positions in one margin asset. */
    public record BotTotal(String botId, String marginAsset, BigDecimal netPnl) {
    }

    public Recorded {
        events = List.copyOf(events);
    }

    static Recorded of(Outcome outcome, String detail) {
        return new Recorded(outcome, List.of(), detail, 0, 0, null);
    }
}
