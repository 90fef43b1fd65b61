package io.tradeflow.core.strategy;

import io.tradeflow.core.event.IndicatorsComputed;

import java.util.List;
import java.util.Set;

/**
 * A kind of strategy ({@code sma-crossover}): declares its parameters and the indicators it reads; bound to one bot's
 * parameters ({@link #rule}) it is evaluated once per closed kline with that kline's indicator snapshot and the bot's
 * state. Implementations are stateless and thread-safe; everything a bot remembers between klines is in its
 * {@link StrategyState}, so a restarted service can restore it.
 */
public interface Strategy {

    /** The name bots use in {@code strategy.type}, e.g. {@code sma-crossover}. */
    String type();

    /** Every parameter the strategy accepts, with type, default and allowed range. */
    List<Parameter> parameters();

    /**
     * Checks rules between parameters that {@link Parameter} cannot express (e.g. fast below slow).
     *
     * @throws InvalidParameterException naming the parameter
     */
    default void validate(Parameters params) {
    }

    /** The canonical indicator names ({@code sma(21)}) the snapshots must carry for these parameters. */
    Set<String> indicators(Parameters params);

    /** The state of a bot that has seen no kline yet. */
    StrategyState initialState();

    /**
     * This strategy bound to one bot's parameters, read once (indicator names, periods, levels), so that evaluating
     * a kline looks no parameter up by name: {@link BotStrategy} binds a bot's rule when the bot starts.
     *
     * @param params parameters accepted by {@link Strategies#parse} (and so by {@link #validate})
     */
    Rule rule(Parameters params);

    /** A strategy with its parameters bound. Stateless and thread-safe, like the strategy. */
    interface Rule {

        /** Evaluates one closed kline's snapshot; never throws for market data, only for programming errors. */
        Evaluation evaluate(IndicatorsComputed snapshot, StrategyState state);
    }
}
