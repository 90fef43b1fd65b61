package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.SignalGenerated;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One bot's strategy, bound to its definition's symbol, interval and parameters, with the bot's state. Feed it the
 * snapshots of its series in order; a snapshot it has already seen (redelivered) changes nothing.
 *
 * <p>Not thread-safe: one instance per bot, fed from one thread (snapshots are keyed, so ordered, by symbol).
 */
public final class BotStrategy {

    /** Before any snapshot; real open times are positive. */
    public static final long NO_KLINE = 0;

    private final BotDefinition bot;
    private final Strategy strategy;
    private final Parameters params;
    private final Strategy.Rule rule;
    private final Set<String> indicators;
    private StrategyState state;
    private long lastOpenTime = NO_KLINE;

    private BotStrategy(BotDefinition bot, Strategy strategy, Parameters params) {
        this.bot = bot;
        this.strategy = strategy;
        this.params = params;
        this.rule = strategy.rule(params);
        this.indicators = Set.copyOf(strategy.indicators(params));
        this.state = strategy.initialState();
    }

    /** @throws InvalidParameterException when the bot's strategy type or parameters cannot run */
    public static BotStrategy of(BotDefinition bot) {
        Strategy strategy = Strategies.find(bot.strategy().type());
        return new BotStrategy(bot, strategy, Strategies.parse(strategy, bot.strategy().params()));
    }

    public String botId() {
        return bot.botId();
    }

    public Symbol symbol() {
        return bot.symbol();
    }

    public Interval interval() {
        return bot.interval();
    }

    public Strategy strategy() {
        return strategy;
    }

    public Parameters parameters() {
        return params;
    }

    /** The canonical indicator names the bot's snapshots must carry. */
    public Set<String> indicators() {
        return indicators;
    }

    public StrategyState state() {
        return state;
    }

    /** Open time of the last snapshot evaluated, {@link #NO_KLINE} before the first. */
    public long lastOpenTime() {
        return lastOpenTime;
    }

    /**
     * Continues from a stored state, e.g. after a restart. Store the state and {@link #lastOpenTime()} together, and
     * drop them when the bot's strategy spec changes: the state speaks of the old parameters.
     *
     * @throws IllegalArgumentException when the state belongs to another strategy
     */
    public void restore(StrategyState state, long lastOpenTime) {
        Objects.requireNonNull(state, "state");
        if (state.getClass() != strategy.initialState().getClass()) {
            throw new IllegalArgumentException("bot " + botId() + " runs " + strategy.type() + " and cannot continue from a "
                    + state.getClass().getSimpleName());
        }
        if (lastOpenTime < NO_KLINE) {
            throw new IllegalArgumentException("lastOpenTime must not be negative: " + lastOpenTime);
        }
        this.state = state;
        this.lastOpenTime = lastOpenTime;
    }

    /**
     * Evaluates the next closed kline's snapshot.
     *
     * @param producedAt the time to stamp on a signal (when signal-service publishes it)
     * @throws IllegalArgumentException when the snapshot is of another symbol or interval (a routing bug)
     */
    public Outcome onSnapshot(IndicatorsComputed snapshot, long producedAt) {
        if (!snapshot.symbol().equals(symbol()) || snapshot.interval() != interval()) {
            throw new IllegalArgumentException("bot " + botId() + " trades " + symbol() + " " + interval()
                    + ", not " + snapshot.symbol() + " " + snapshot.interval());
        }
        if (snapshot.openTime() <= lastOpenTime) {
            return Outcome.DUPLICATE;
        }
        Evaluation evaluation = rule.evaluate(snapshot, state);
        state = evaluation.state();
        lastOpenTime = snapshot.openTime();
        return switch (evaluation.decision()) {
            case Decision.None none -> Outcome.NOTHING;
            case Decision.Rejected rejected -> new Outcome(Optional.empty(), Optional.of(rejected), false);
            case Decision.Signal signal -> new Outcome(Optional.of(toEvent(signal, snapshot, producedAt)),
                    Optional.empty(), false);
        };
    }

    private SignalGenerated toEvent(Decision.Signal signal, IndicatorsComputed snapshot, long producedAt) {
        return signal.action().isEntry()
                ? SignalGenerated.entry(botId(), strategy.type(), snapshot, signal.action(), signal.stopLoss(),
                        signal.takeProfit(), signal.reason(), producedAt)
                : SignalGenerated.exit(botId(), strategy.type(), snapshot, signal.action(), signal.reason(),
                        producedAt);
    }

    /**
     * What one snapshot led to: at most one of a signal to publish and a rejection to count and log.
     *
     * @param duplicate the snapshot was not newer than the last one evaluated, so it was ignored
     */
    public record Outcome(Optional<SignalGenerated> signal, Optional<Decision.Rejected> rejected, boolean duplicate) {

        static final Outcome NOTHING = new Outcome(Optional.empty(), Optional.empty(), false);
        static final Outcome DUPLICATE = new Outcome(Optional.empty(), Optional.empty(), true);

        public Outcome {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(rejected, "rejected");
            if (signal.isPresent() && rejected.isPresent()) {
                throw new IllegalArgumentException("an outcome is a signal or a rejection, not both");
            }
        }
    }
}
