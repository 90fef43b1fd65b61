package io.tradeflow.gateway.bots;

import io.quarkus.scheduler.Scheduled;
import io.tradeflow.gateway.query.OpenPositions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

/**
 * Follows the closes the gateway asked for, by asking position-service: a bot marked to be deleted once flat is
 * deleted (tombstone) as soon as it is; a stopped bot asking execution to close its position is published again
 * without closePosition once flat (so market-data stops streaming its pair for it). Until then each stays STOPPED
 * with closePosition and execution closes the position at its next kline.
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
            whenFlat(botId, () -> {
                bots.deleteMarked(botId);
                LOG.infof("Bot %s deleted: its position is closed", botId);
            });
        }
        for (String botId : bots.closing()) {
            whenFlat(botId, () -> bots.closed(botId));
        }
    }

    private void whenFlat(String botId, Runnable then) {
        try {
            if (openPositions.of(botId) == 0) {
                then.run();
            }
        } catch (WebApplicationException e) {
            LOG.debugf("Bot %s waits for its position to close: position-service answered %d", botId,
                    e.getResponse().getStatus());
        } catch (Bots.NotFound gone) {
            // Deleted meanwhile (by another instance): nothing left to do.
        }
    }
}
