package io.tradeflow.signal.domain;

import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.SignalWatermark;
import io.tradeflow.core.strategy.BotStrategy;
import io.tradeflow.core.strategy.StrategyStates;
import io.tradeflow.signal.metrics.SignalMetrics;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every running bot of a snapshot's pair on it. Per bot: evaluate, publish a signal, write the bot's state; then,
 * once per snapshot, publish its {@link SignalWatermark}, behind the snapshot's signals. The caller makes all of it
 * one unit: signal-service runs it inside a Kafka Streams transaction with the snapshot's offset, so a crash replays
 * the snapshot from a state that has not seen it and its first attempt's signals were never visible.
 *
 * <p>One engine per Kafka Streams task, called by that task's thread only; a bot's in-memory strategy is kept while
 * its definition (version) stays the same.
 */
public final class SignalEngine {
    private static final Logger LOG = Logger.getLogger(SignalEngine.class);

    private record Binding(String version, BotStrategy strategy) {
    }

    private final BotRegistry bots;
    private final StateStore states;
    private final SignalSink sink;
    private final SignalMetrics metrics;
    private final Clock clock;
    private final Map<String, Binding> bindings = new HashMap<>();

    public SignalEngine(BotRegistry bots, StateStore states, SignalSink sink, SignalMetrics metrics, Clock clock) {
        this.bots = bots;
        this.states = states;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Evaluates every running bot of the snapshot's (symbol, interval), then publishes the snapshot's watermark. */
    public void process(IndicatorsComputed snapshot) {
        for (RunningBot bot : bots.running(snapshot.symbol(), snapshot.interval())) {
            evaluate(bot, snapshot);
        }
        // After the signals of the snapshot, with the same key (the symbol): on their partition behind them, so a
        // consumer that has read it knows no signal of this kline is still coming. Sent for every snapshot, with or
        // without bots on the series, so that rule needs no exception.
        sink.publish(SignalWatermark.after(snapshot, clock.millis()));
        metrics.snapshotProcessed(snapshot.interval());
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
        states.save(bot.botId(), new StoredState(bot.version(), strategy.lastOpenTime(), StrategyStates.encode(strategy.state())));
    }

    private void publish(RunningBot bot, SignalGenerated signal) {
        sink.publish(signal);
        metrics.signalGenerated(bot.strategy(), signal.action());
        LOG.infof("Signal %s: %s at %s (%s)", signal.eventId(), signal.action(), signal.referencePrice().toPlainString(), signal.reason());
    }

    private BotStrategy bind(RunningBot bot) {
        Binding binding = bindings.get(bot.botId());
        if (binding != null && binding.version().equals(bot.version())) {
            return binding.strategy();
        }
        BotStrategy strategy = BotStrategy.of(bot.definition());
        Optional<StoredState> stored = states.load(bot.botId());
        if (stored.isPresent() && stored.get().version().equals(bot.version())) {
            restore(bot, strategy, stored.get());
        } else if (stored.isPresent()) {
            LOG.infof("Bot %s has a new definition (%s, stored state is of %s): it starts afresh",
                    bot.botId(), bot.version(), stored.get().version());
        }
        bindings.put(bot.botId(), new Binding(bot.version(), strategy));
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
