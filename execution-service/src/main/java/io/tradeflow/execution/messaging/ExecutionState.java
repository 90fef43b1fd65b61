package io.tradeflow.execution.messaging;

import io.tradeflow.core.execution.PaperVenue;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.execution.domain.ExecutionEngine;
import io.tradeflow.execution.domain.SeriesMerge;
import io.tradeflow.execution.metrics.ExecutionMetrics;
import io.tradeflow.execution.persistence.ExecutionStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory side of the service (paper accounts, halts, manual closes placed, the merge) and how it is
 * (re)built from PostgreSQL: at start, and on the input thread after a rebalance took partitions away (Kafka then
 * delivers again everything not acknowledged, and the stored progress skips what was already done).
 */
@ApplicationScoped
public class ExecutionState {
    private static final Logger LOG = Logger.getLogger(ExecutionState.class);

    private final ExecutionStore store;
    private final Durable durable;
    private final PaperVenue paper;
    private final Trader trader;
    private final ExecutionEngine engine;
    private final SeriesMerge merge = new SeriesMerge();
    private final ReentrantLock processing = new ReentrantLock();
    private volatile boolean stale = true;
    private volatile int waiting;
    private volatile long oldestWaiting;
    private volatile int openPaperPositions;

    public ExecutionState(ExecutionStore store, Durable durable, PaperVenue paper, Trader trader, ExecutionEngine engine,
                          ExecutionMetrics metrics) {
        this.store = store;
        this.durable = durable;
        this.paper = paper;
        this.trader = trader;
        this.engine = engine;
        metrics.openPaperPositions(this::openPaperPositions);
        metrics.waiting(this::waiting);
        metrics.haltedBots(() -> trader.halts().size());
    }

    /** Marks the state for a reload before the next record (called on the Kafka thread during a rebalance). */
    public void invalidate() {
        stale = true;
    }

    /** The merge, reloaded first when partitions moved; call only from the input thread. */
    SeriesMerge merge() {
        if (stale) {
            reload();
        }
        return merge;
    }

    ExecutionEngine engine() {
        return engine;
    }

    /**
     * Lifts a bot's halt, in storage (marked resumed) and in memory: its entries run again, and its next entry
     * restarts its loss limits from the balance then, at market time, in that step's transaction (else the breach
     * that tripped the halt would trip it again at once). A restart in between keeps the resume. Waits up to
     * {@code wait} for the step in progress.
     *
     * @return false when the bot was not halted
     * @throws IllegalStateException when a step held the lock longer than {@code wait} (PostgreSQL or Kafka slow)
     */
    public boolean resume(String botId, Duration wait) {
        try {
            if (!processing.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a step has been in progress for over " + wait.toSeconds()
                        + " s (PostgreSQL or Kafka slow, see readiness); try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the step in progress", e);
        }
        try {
            if (trader.halt(botId).isEmpty() || !store.resume(botId)) {
                return false;
            }
            trader.resume(botId);
            return true;
        } finally {
            processing.unlock();
        }
    }

    /** Runs {@code work} while no step is processed: the input thread and a resume never interleave. */
    <T> T exclusively(Supplier<T> work) {
        processing.lock();
        try {
            return work.get();
        } finally {
            processing.unlock();
        }
    }

    /** Open paper positions, as of the last record processed. */
    public int openPaperPositions() {
        return openPaperPositions;
    }

    /** Klines and signals waiting for their watermark or kline, as of the last record processed. */
    public int waiting() {
        return waiting;
    }

    /** Open time of the oldest kline or signal waiting, or 0: how far behind signal-service (or Kafka) is. */
    public long oldestWaiting() {
        return oldestWaiting;
    }

    /** Called by the input thread after each record, so other threads read the figures without touching the merge. */
    void measured() {
        waiting = merge.waiting();
        oldestWaiting = merge.oldestWaiting();
        openPaperPositions = paper.openPositions();
    }

    private void reload() {
        ExecutionStore.Loaded loaded = durable.load();
        merge.clear();
        paper.accounts().forEach(account -> paper.forget(account.botId()));
        loaded.accounts().forEach(paper::restore);
        trader.clearHalts();
        loaded.halts().forEach(trader::restoreHalt);
        loaded.resumed().forEach(trader::restoreResume);
        trader.restoreCloses(loaded.closes());
        loaded.progress().forEach(merge::doneThrough);
        stale = false;
        LOG.infof("Loaded %d paper account(s), %d halt(s), %d manual close(s), progress of %d series",
                loaded.accounts().size(), loaded.halts().size(), loaded.closes().size(), loaded.progress().size());
    }
}
