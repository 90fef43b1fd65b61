package io.tradeflow.gateway.bots;

import io.quarkus.scheduler.Scheduled;
import io.tradeflow.gateway.query.OpenPositions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

/**
 * Finishes the deletes asked with {@code closePosition}: a bot marked so is deleted (tombstone) as soon as
 * position-service shows it flat. Until then it stays STOPPED with closePosition, so execution closes its position.
 */
@ApplicationScoped
public class PendingDeletes {
    private static final Logger LOG = Logger.getLogger(PendingDeletes.class);

    private final Bots bots;
    private final OpenPositions openPositions;

    public PendingDeletes(Bots bots, OpenPositions openPositions) {
        this.bots = bots;
        this.openPositions = openPositions;
    }

    @Scheduled(every = "${tradeflow.gateway.pending-deletes-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void finish() {
        for (String botId : bots.pendingDeletes()) {
            try {
                if (openPositions.of(botId) == 0) {
                    bots.delete(botId);
                    LOG.infof("Bot %s deleted: its position is closed", botId);
                }
            } catch (WebApplicationException e) {
                LOG.debugf("Bot %s waits to be deleted: position-service answered %d", botId,
                        e.getResponse().getStatus());
            } catch (Bots.NotFound gone) {
                // Deleted meanwhile (by another instance): nothing left to do.
            }
        }
    }
}
