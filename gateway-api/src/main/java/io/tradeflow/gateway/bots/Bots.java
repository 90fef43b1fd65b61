package io.tradeflow.gateway.bots;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.gateway.messaging.BotOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The bots: stored in PostgreSQL; each change writes its bots.v1 record to the outbox in the same transaction, and
 * the outbox is drained right after the commit (or, while another drain runs, by that one or the next scheduled one:
 * see {@link BotOutbox}), so a stored change is always published.
 * A bot is owned by the REST API or by the bots file ({@link Owner}); the REST cannot edit or delete a file's bot.
 */
@ApplicationScoped
public class Bots {
    /** Who owns a bot's definition. */
    public enum Owner {
        API, FILE;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A stored bot: its definition, version, owner, and whether it is to be deleted once flat. */
    public record Stored(BotDefinition definition, long version, Owner owner, boolean deleteRequested) {
    }

    /** Thrown when a bot does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String botId) {
            super("No bot " + botId);
        }
    }

    /** Thrown when a change conflicts with the stored bot (another version, another owner, an existing id). */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    private final BotOutbox outbox;

    public Bots(BotOutbox outbox) {
        this.outbox = outbox;
    }

    public List<Stored> all() {
        return QuarkusTransaction.requiringNew().call(() -> BotEntity.<BotEntity>listAll(Sort.by("botId")).stream()
                .map(Bots::stored).toList());
    }

    public Optional<Stored> find(String botId) {
        return QuarkusTransaction.requiringNew().call(() -> BotEntity.<BotEntity>findByIdOptional(botId)
                .map(Bots::stored));
    }

    /** A new bot over the REST, STOPPED until started. */
    public Stored create(BotRequest request) {
        long now = System.currentTimeMillis();
        BotDefinition definition = request.toDefinition(request.botId(), BotStatus.STOPPED, now);
        return published(() -> {
            if (BotEntity.findById(definition.botId()) != null) {
                throw new Conflict("Bot " + definition.botId() + " exists already");
            }
            return insert(definition, Owner.API, now);
        });
    }

    /** Replaces a REST bot's definition (keeping its status) when {@code expectedVersion} is the stored one. */
    public Stored update(String botId, BotRequest request, long expectedVersion) {
        long now = System.currentTimeMillis();
        return published(() -> {
            BotEntity row = locked(botId);
            requireApiOwned(row, "edit");
            requireNotDeleting(row);
            if (row.version != expectedVersion) {
                throw new Conflict("Bot " + botId + " is at version " + row.version + ", not " + expectedVersion
                        + ": it changed meanwhile; read it again and repeat the change");
            }
            if (request.botId() != null && !request.botId().equals(botId)) {
                throw new FieldError("botId", "field 'botId' is '" + request.botId() + "' but the path names " + botId
                        + "; a bot's id cannot change");
            }
            // An edit keeps the status and a pending close: a stopped bot still closing its position keeps closing.
            BotDefinition current = stored(row).definition();
            return write(row, withStatus(request.toDefinition(botId, current.status(), now), current.status(),
                    current.closePosition(), now), now);
        });
    }

    /** Starts a bot (any bot, the bots file's included); a bot waiting to be deleted cannot start. */
    public Stored start(String botId) {
        long now = System.currentTimeMillis();
        return published(() -> {
            BotEntity row = locked(botId);
            requireNotDeleting(row);
            return write(row, withStatus(stored(row).definition(), BotStatus.RUNNING, false, now), now);
        });
    }

    /**
     * Stops a bot; with {@code closePosition} execution also closes its open position at its next kline. A bot being
     * deleted once flat keeps closing whatever is asked.
     */
    public Stored stop(String botId, boolean closePosition) {
        long now = System.currentTimeMillis();
        return published(() -> {
            BotEntity row = locked(botId);
            return write(row, withStatus(stored(row).definition(), BotStatus.STOPPED,
                    closePosition || row.deleteRequested, now), now);
        });
    }

    /** Deletes a REST bot: a tombstone on bots.v1. */
    public void delete(String botId) {
        published(() -> {
            BotEntity row = locked(botId);
            requireApiOwned(row, "delete");
            remove(row);
            return null;
        });
    }

    /** Stops a REST bot, closing its position, and marks it to be deleted once flat ({@link PendingDeletes}). */
    public Stored deleteWhenFlat(String botId) {
        return published(() -> {
            BotEntity row = locked(botId);
            requireApiOwned(row, "delete");
            return markDeleteWhenFlat(row);
        });
    }

    /** The same for a bot the bots file no longer names but which holds a position. */
    public Stored removeFromFileWhenFlat(String botId) {
        return published(() -> markDeleteWhenFlat(locked(botId)));
    }

    /** The ids of the bots waiting to be deleted once flat. */
    public List<String> pendingDeletes() {
        return QuarkusTransaction.requiringNew().call(() -> BotEntity.<BotEntity>list("deleteRequested", true)
                .stream().map(row -> row.botId).toList());
    }

    /** Deletes a bot marked to be deleted once flat, whoever owns it; PendingDeletes calls it when it is. */
    public void deleteMarked(String botId) {
        published(() -> {
            BotEntity row = locked(botId);
            if (row.deleteRequested) {
                remove(row);
            }
            return null;
        });
    }

    /** The ids of the stopped bots still asking execution to close their position (and not being deleted). */
    public List<String> closing() {
        return QuarkusTransaction.requiringNew().call(() -> BotEntity.<BotEntity>list("status = ?1 and "
                + "deleteRequested = false", BotStatus.STOPPED.name()).stream()
                .filter(row -> stored(row).definition().closePosition()).map(row -> row.botId).toList());
    }

    /** Publishes a closing bot again without closePosition: its position is closed, nothing more to ask. */
    public void closed(String botId) {
        long now = System.currentTimeMillis();
        published(() -> {
            BotEntity row = locked(botId);
            BotDefinition current = stored(row).definition();
            if (current.status() == BotStatus.STOPPED && current.closePosition() && !row.deleteRequested) {
                write(row, withStatus(current, BotStatus.STOPPED, false, now), now);
            }
            return null;
        });
    }

    private static Stored markDeleteWhenFlat(BotEntity row) {
        long now = System.currentTimeMillis();
        row.deleteRequested = true;
        return write(row, withStatus(stored(row).definition(), BotStatus.STOPPED, true, now), now);
    }

    private static void requireNotDeleting(BotEntity row) {
        if (row.deleteRequested) {
            throw new Conflict("Bot " + row.botId + " is being deleted once its position is closed");
        }
    }

    /**
     * Makes the bots file's bot {@code definition} stored: created when new, replaced (with the status the file gives)
     * when its entry changed since it was last applied ({@code entryHash}), untouched otherwise — so a file bot
     * stopped over the REST stays stopped until its entry changes.
     *
     * @return the stored bot and whether anything changed
     * @throws Conflict when a REST bot has that id
     */
    public FileResult applyFromFile(BotDefinition definition, String entryHash) {
        long now = definition.producedAt();
        return QuarkusTransaction.requiringNew().call(() -> {
            BotEntity row = BotEntity.<BotEntity>findByIdOptional(definition.botId(), LockModeType.PESSIMISTIC_WRITE)
                    .orElse(null);
            if (row == null) {
                row = new BotEntity();
                row.botId = definition.botId();
                row.createdAt = now;
                row.managedBy = Owner.FILE.column();
            } else if (!Owner.FILE.column().equals(row.managedBy)) {
                throw new Conflict("Bot " + definition.botId() + " exists already and is managed over the REST API;"
                        + " give the file's bot another botId or delete the REST one");
            } else if (entryHash.equals(row.fileHash)) {
                return new FileResult(stored(row), false);
            }
            row.fileHash = entryHash;
            row.deleteRequested = false; // named in the file again: no longer to be deleted
            return new FileResult(write(row, definition, now), true);
        });
    }

    /** What {@link #applyFromFile(BotDefinition, String)} did. */
    public record FileResult(Stored stored, boolean changed) {
    }

    /** The ids of the bots the file owns. */
    public List<String> fileBotIds() {
        return QuarkusTransaction.requiringNew().call(() -> BotEntity.<BotEntity>list("managedBy", Owner.FILE.column())
                .stream().map(row -> row.botId).toList());
    }

    /** Deletes a flat bot the file no longer names; false when it was gone already or is not the file's. */
    public boolean removeFromFile(String botId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            BotEntity row = BotEntity.<BotEntity>findByIdOptional(botId, LockModeType.PESSIMISTIC_WRITE).orElse(null);
            if (row == null || !Owner.FILE.column().equals(row.managedBy)) {
                return false;
            }
            remove(row);
            return true;
        });
    }

    /** Drains the outbox after the transaction: a drain that fails now is retried by the outbox's schedule. */
    public void publishPending() {
        outbox.drain();
    }

    private <T> T published(Callable<T> change) {
        T result = QuarkusTransaction.requiringNew().call(change);
        outbox.drain();
        return result;
    }

    private static BotEntity locked(String botId) {
        // SELECT ... FOR UPDATE: two changes of one bot run one after the other, so a version check cannot be raced.
        return BotEntity.<BotEntity>findByIdOptional(botId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFound(botId));
    }

    private static void requireApiOwned(BotEntity row, String what) {
        if (Owner.FILE.column().equals(row.managedBy)) {
            throw new Conflict("Bot " + row.botId + " is defined in the bots file: " + what
                    + " it there (start and stop work over the REST)");
        }
    }

    private static Stored insert(BotDefinition definition, Owner owner, long now) {
        BotEntity row = new BotEntity();
        row.botId = definition.botId();
        row.createdAt = now;
        row.managedBy = owner.column();
        return write(row, definition, now);
    }

    private static Stored write(BotEntity row, BotDefinition definition, long now) {
        row.version = row.version + 1;
        row.definition = EventCodec.encode(definition);
        row.status = definition.status().name();
        row.updatedAt = now;
        row.persist();
        BotOutbox.add(row.botId, row.definition);
        return stored(row);
    }

    private static void remove(BotEntity row) {
        row.delete();
        BotOutbox.add(row.botId, null);
    }

    private static BotDefinition withStatus(BotDefinition d, BotStatus status, boolean closePosition, long now) {
        return new BotDefinition(d.botId(), d.name(), d.market(), d.symbol(), d.interval(), d.strategy(), d.risk(),
                d.venue(), status, closePosition, now, now);
    }

    private static Stored stored(BotEntity row) {
        return new Stored(EventCodec.decode(row.definition, BotDefinition.class), row.version,
                Owner.valueOf(row.managedBy.toUpperCase(Locale.ROOT)), row.deleteRequested);
    }
}
