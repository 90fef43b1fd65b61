package io.tradeflow.gateway.bots;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.gateway.messaging.BotPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/**
 * The bots: stored in PostgreSQL, each change published on bots.v1 after its commit (WORK IN PROGRESS: a crash between
 * the two leaves bots.v1 behind until the next change of that bot; an outbox, as execution-service has, is the fix).
 */
@ApplicationScoped
public class Bots {
    /** A stored bot: its definition and version. */
    public record Stored(BotDefinition definition, long version) {
    }

    /** Thrown when a bot does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String botId) {
            super("No bot " + botId);
        }
    }

    /** Thrown when a change names another version than the stored one (a concurrent edit). */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    private final BotPublisher publisher;

    public Bots(BotPublisher publisher) {
        this.publisher = publisher;
    }

    public List<Stored> all() {
        return QuarkusTransaction.requiringNew().call(() -> BotEntity.<BotEntity>listAll(Sort.by("botId")).stream()
                .map(Bots::stored).toList());
    }

    public Optional<Stored> find(String botId) {
        return QuarkusTransaction.requiringNew().call(() -> BotEntity.<BotEntity>findByIdOptional(botId)
                .map(Bots::stored));
    }

    /** A new bot, STOPPED until started. */
    public Stored create(BotRequest request) {
        long now = System.currentTimeMillis();
        BotDefinition definition = request.toDefinition(request.botId(), BotStatus.STOPPED, now);
        Stored stored = QuarkusTransaction.requiringNew().call(() -> {
            if (BotEntity.findById(definition.botId()) != null) {
                throw new Conflict("Bot " + definition.botId() + " exists already");
            }
            BotEntity row = new BotEntity();
            row.botId = definition.botId();
            row.createdAt = now;
            return write(row, definition, 1, now);
        });
        publisher.publish(definition.botId(), EventCodec.encode(definition));
        return stored;
    }

    /** Replaces the definition (keeping its status) when {@code expectedVersion} is the stored one. */
    public Stored update(String botId, BotRequest request, long expectedVersion) {
        long now = System.currentTimeMillis();
        Stored stored = QuarkusTransaction.requiringNew().call(() -> {
            BotEntity row = locked(botId, expectedVersion);
            BotDefinition definition = request.toDefinition(botId, BotStatus.valueOf(row.status), now);
            return write(row, definition, row.version + 1, now);
        });
        publisher.publish(botId, EventCodec.encode(stored.definition()));
        return stored;
    }

    /** RUNNING or STOPPED. */
    public Stored setStatus(String botId, BotStatus status) {
        long now = System.currentTimeMillis();
        Stored stored = QuarkusTransaction.requiringNew().call(() -> {
            BotEntity row = BotEntity.<BotEntity>findByIdOptional(botId, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> new NotFound(botId));
            BotDefinition d = stored(row).definition();
            BotDefinition changed = new BotDefinition(d.botId(), d.name(), d.market(), d.symbol(), d.interval(),
                    d.strategy(), d.risk(), d.venue(), status, now, now);
            return write(row, changed, row.version + 1, now);
        });
        publisher.publish(botId, EventCodec.encode(stored.definition()));
        return stored;
    }

    public void delete(String botId) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (!BotEntity.deleteById(botId)) {
                throw new NotFound(botId);
            }
        });
        publisher.publish(botId, null);
    }

    private static BotEntity locked(String botId, long expectedVersion) {
        // Locked (SELECT ... FOR UPDATE) so that two edits naming the same version cannot both pass the check.
        BotEntity row = BotEntity.<BotEntity>findByIdOptional(botId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFound(botId));
        if (row.version != expectedVersion) {
            throw new Conflict("Bot " + botId + " is at version " + row.version + ", not " + expectedVersion
                    + ": it changed meanwhile; read it again and repeat the change");
        }
        return row;
    }

    private static Stored write(BotEntity row, BotDefinition definition, long version, long now) {
        row.version = version;
        row.definition = EventCodec.encode(definition);
        row.status = definition.status().name();
        row.updatedAt = now;
        row.persist();
        return new Stored(definition, version);
    }

    private static Stored stored(BotEntity row) {
        return new Stored(EventCodec.decode(row.definition, BotDefinition.class), row.version);
    }
}
