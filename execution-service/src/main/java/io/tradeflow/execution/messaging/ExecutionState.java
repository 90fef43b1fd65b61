package io.tradeflow.execution.messaging;

import io.tradeflow.core.execution.PaperVenue;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.execution.domain.ExecutionEngine;
import io.tradeflow.execution.domain.SeriesMerge;
import io.tradeflow.execution.persistence.ExecutionStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory side of the service (paper accounts, halts, the merge) and how it is (re)built from PostgreSQL:
 * at start, and on the input thread after a rebalance took partitions away (Kafka then delivers again everything
 * not acknowledged, and the stored progress skips what was already done).
 */
@ApplicationScoped
public class ExecutionState {
    private static final Logger LOG = Logger.getLogger(ExecutionState.class);

    private final ExecutionStore store;
    private final PaperVenue paper;
    private final Trader trader;
    private final ExecutionEngine engine;
    private final SeriesMerge merge = new SeriesMerge();
    private final ReentrantLock processing = new ReentrantLock();
    private volatile boolean stale = true;
    private volatile int waiting;
    private volatile long oldestWaiting;

    public ExecutionState(ExecutionStore store, PaperVenue paper, Trader trader, ExecutionEngine engine) {
        this.store = store;
        this.paper = paper;
        this.trader = trader;
        this.engine = engine;
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
     * Lifts a bot's halt and restarts its loss limits from its balance now (else the breach that tripped it would
     * trip it again at once), in memory and, in one transaction, in storage: a restart keeps the resume. Waits for
     * the step in progress. False when the bot was not halted.
     */
    public boolean resume(String botId) {
        return exclusively(() -> {
            boolean inMemory = trader.resume(botId).isPresent();
            paper.restartLossLimits(botId, System.currentTimeMillis());
            boolean stored = store.resume(botId, paper.drainChanged());
            return stored || inMemory;
        });
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

    /** Open paper positions held in memory (every bot's account is loaded at start). */
    public int openPaperPositions() {
        return paper.openPositions();
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
    }

    private void reload() {
        ExecutionStore.Loaded loaded = store.load();
        merge.clear();
        paper.accounts().forEach(account -> paper.forget(account.botId()));
        loaded.accounts().forEach(paper::restore);
        trader.clearHalts();
        loaded.halts().forEach(trader::restoreHalt);
        loaded.progress().forEach(merge::doneThrough);
        stale = false;
        LOG.infof("Loaded %d paper account(s), %d halt(s), progress of %d series", loaded.accounts().size(),
                loaded.halts().size(), loaded.progress().size());
    }
}
