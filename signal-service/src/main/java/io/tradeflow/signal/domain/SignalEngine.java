package io.tradeflow.signal.domain;

import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.StrategyStates;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every running bot of a snapshot's pair on it. Per bot: evaluate, publish a signal and wait for the broker,
 * write the bot's state. Then, once per snapshot, publish its {@link SignalWatermark} and wait for the broker; the
 * caller acknowledges the snapshot only after all of it. So a crash at any point replays the snapshot from a state
 * that has not seen it, the replay publishes no signal twice ({@link PublishedSignals}), and no acknowledged
 * snapshot lacks its watermark (a replay may publish the same watermark again: harmless, they only move forward).
 *
 * <p>Called by one thread at a time (the snapshot consumer); {@link #invalidate} and {@link #forget} may come from
 * others.
 */
public final class SignalEngine {
    private static final Logger LOG = Logger.getLogger(SignalEngine.class);

    private record Binding(String version, long generation, BotStrategy strategy) {
    }

    private final BotRegistry bots;
    private final StateStore states;
    private final SignalSink sink;
    private final PublishedSignals published;
    private final SignalMetrics metrics;
    private final Retrying retrying;
    private final Clock clock;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private volatile long generation;

    public SignalEngine(BotRegistry bots, StateStore states, SignalSink sink, PublishedSignals published,
                        SignalMetrics metrics, Retrying retrying, Clock clock) {
        this.bots = bots;
        this.states = states;
        this.sink = sink;
        this.published = published;
        this.metrics = metrics;
        this.retrying = retrying;
        this.clock = clock;
    }

    /**
     * Evaluates every running bot of the snapshot's (symbol, interval), then publishes the snapshot's watermark.
     * Returns once every signal, state and the watermark is durable; retries (and blocks) while Kafka or Redis fail.
     */
    public void process(IndicatorsComputed snapshot) {
        for (RunningBot bot : bots.running(snapshot.symbol(), snapshot.interval())) {
            evaluate(bot, snapshot);
        }
        // Sent only after every signal of the snapshot was acknowledged: with the same key (the symbol) it lands on
        // their partition behind them, so a consumer that has read it knows no signal of this kline is still coming.
        // Sent for every snapshot, with or without bots on the series, so that rule needs no exception.
        SignalWatermark watermark = SignalWatermark.after(snapshot, clock.millis());
        retrying.run("Publishing watermark " + watermark.eventId(), () -> sink.publish(watermark));
        metrics.snapshotProcessed(snapshot.interval());
    }

    /**
     * Forgets every bot's in-memory state, so each is read from Redis again on its next snapshot. Called when this
     * instance gets partitions: another instance may have moved the bots on while it had them.
     */
    public void invalidate() {
        generation++;
    }

    /** Drops a bot that stopped or changed. */
    public void forget(String botId) {
        bindings.remove(botId);
    }

    private void evaluate(RunningBot bot, IndicatorsComputed snapshot) {
        BotStrategy strategy = bind(bot);
        long started = System.nanoTime();
        BotStrategy.Outcome outcome;
        try {
            outcome = strategy.onSnapshot(snapshot, clock.millis());
        } catch (RuntimeException e) {
            // A strategy bug must not stop the other bots, nor send a good snapshot to the dead letters.
            metrics.evaluationFailed(bot.strategy());
            LOG.errorf(e, "Bot %s failed on %s; it skips this snapshot", bot.botId(), snapshot.eventId());
            bindings.remove(bot.botId());
            return;
        }
        metrics.evaluated(bot.strategy(), System.nanoTime() - started);
        if (outcome.duplicate()) {
            metrics.snapshotDuplicate(bot.strategy());
            return;
        }
        outcome.rejected().ifPresent(rejected -> {
            metrics.signalRejected(bot.strategy(), rejected.reason());
            // A signal held back by the minimum interval is rejected again on every kline it waits; only the others
            // are worth a line each at INFO.
            LOG.logf(rejected.reason().equals("min-interval") ? Logger.Level.DEBUG : Logger.Level.INFO,
                    "Bot %s dropped a signal on %s: %s", bot.botId(), snapshot.eventId(), rejected.detail());
        });
        outcome.signal().ifPresent(signal -> publish(bot, signal));
        StoredState state = new StoredState(bot.version(), strategy.lastOpenTime(), StrategyStates.encode(strategy.state()));
        retrying.run("Writing the state of bot " + bot.botId(), () -> states.save(bot.botId(), state));
    }

    private void publish(RunningBot bot, SignalGenerated signal) {
        if (published.covers(signal)) {
            metrics.signalSuppressed(bot.strategy());
            LOG.infof("Signal %s is already on signals.v1 (newest of the bot: kline %d); not sent again",
                    signal.eventId(), published.newest(bot.botId()));
            return;
        }
        retrying.run("Publishing signal " + signal.eventId(), () -> sink.publish(signal));
        published.record(signal);
        metrics.signalGenerated(bot.strategy(), signal.action());
        LOG.infof("Signal %s: %s at %s (%s)", signal.eventId(), signal.action(), signal.referencePrice().toPlainString(), signal.reason());
    }

    private BotStrategy bind(RunningBot bot) {
        long current = generation;
        Binding binding = bindings.get(bot.botId());
        if (binding != null && binding.version().equals(bot.version()) && binding.generation() == current) {
            return binding.strategy();
        }
        BotStrategy strategy = BotStrategy.of(bot.definition());
        Optional<StoredState> stored = retrying.call("Reading the state of bot " + bot.botId(), () -> states.load(bot.botId()));
        if (stored.isPresent() && stored.get().version().equals(bot.version())) {
            restore(bot, strategy, stored.get());
        } else if (stored.isPresent()) {
            LOG.infof("Bot %s has a new definition (%s, stored state is of %s): it starts afresh",
                    bot.botId(), bot.version(), stored.get().version());
        }
        bindings.put(bot.botId(), new Binding(bot.version(), current, strategy));
        return strategy;
    }

    private static void restore(RunningBot bot, BotStrategy strategy, StoredState stored) {
        try {
            strategy.restore(StrategyStates.decode(stored.state()), stored.lastOpenTime());
            LOG.debugf("Bot %s restored at kline %d", bot.botId(), stored.lastOpenTime());
        } catch (RuntimeException e) {
            // Only a hand-edited key or a strategy whose state format changed gets here; a fresh start is the safe side.
            LOG.errorf("Bot %s: stored state unreadable (%s); it starts afresh", bot.botId(), e.getMessage());
        }
    }
}
