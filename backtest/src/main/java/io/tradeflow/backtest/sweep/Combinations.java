package io.tradeflow.backtest.sweep;

import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.core.strategy.Parameter;
import io.tradeflow.core.strategy.Parameters;
import io.tradeflow.core.strategy.Strategies;
import io.tradeflow.core.strategy.Strategy;
import io.tradeflow.core.strategy.StrategyState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A grid checked against its strategy with trading-core's own parameter checks ({@link Strategies#parse}), before
 * anything runs. Two kinds of refusal, told apart:
 * <ul>
 *   <li>a parameter the strategy does not have, or a value it refuses on its own (not a whole number, out of its
 *       range), in {@code --grid} or {@code --param}: the sweep cannot run as asked ({@link InvalidSweepException});</li>
 *   <li>a combination the strategy refuses as a whole (its rules between parameters: sma-crossover's {@code fast}
 *       below {@code slow}): that combination is skipped, the others run ({@link #refused()}).</li>
 * </ul>
 *
 * @param strategy the strategy type
 * @param fixed    the {@code --param}s, the same in every combination
 * @param grid     the grid
 * @param accepted the combinations that run, in grid order
 * @param refused  the combinations the strategy refuses as a whole, in grid order, with its reason
 */
public record Combinations(String strategy, Map<String, String> fixed, Grid grid, List<Combination> accepted,
                           List<Refused> refused) {

    /** A combination the strategy refuses; {@code reason} is trading-core's message. */
    public record Refused(Combination combination, String reason) {
    }

    public Combinations {
        Objects.requireNonNull(strategy, "strategy");
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        Objects.requireNonNull(grid, "grid");
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
    }

    /**
     * Checks the grid and the fixed parameters against strategy {@code type} and sorts the combinations.
     *
     * @throws InvalidSweepException for an unknown strategy, an unknown parameter, a parameter both fixed and in the
     *                               grid, a value the strategy refuses on its own, or when it refuses every combination
     */
    public static Combinations of(String type, Map<String, String> fixed, Grid grid) {
        Strategy strategy;
        try {
            strategy = Strategies.find(type);
        } catch (InvalidParameterException e) {
            throw new InvalidSweepException("--strategy " + type + ": " + e.getMessage());
        }
        Strategy valuesOnly = valuesOnly(strategy);
        for (Map.Entry<String, String> param : fixed.entrySet()) {
            checkValue(valuesOnly, "--param", param.getKey(), param.getValue());
        }
        for (Axis axis : grid.axes()) {
            if (fixed.containsKey(axis.parameter())) {
                throw new InvalidSweepException("--grid " + axis.parameter() + " and --param " + axis.parameter()
                        + ": give it once, a list of values in --grid or one value in --param");
            }
            for (String value : axis.values()) {
                checkValue(valuesOnly, "--grid", axis.parameter(), value);
            }
        }
        List<Combination> accepted = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        List<Map<String, String>> all = grid.combinations();
        for (int i = 0; i < all.size(); i++) {
            Map<String, String> params = new LinkedHashMap<>(fixed);
            params.putAll(all.get(i));
            Combination combination = new Combination(i + 1, all.get(i), params);
            try {
                Strategies.parse(strategy, params);
                accepted.add(combination);
            } catch (InvalidParameterException e) {
                refused.add(new Refused(combination, e.getMessage()));
            }
        }
        if (accepted.isEmpty()) {
            throw new InvalidSweepException("--grid: " + type + " refuses every one of the " + all.size()
                    + " combinations, e.g. " + refused.getFirst().combination().describe() + ": "
                    + refused.getFirst().reason(), type);
        }
        return new Combinations(type, fixed, grid, accepted, refused);
    }

    /** The grid's size: accepted and refused combinations. */
    public int total() {
        return accepted.size() + refused.size();
    }

    /** trading-core's check of one value on its own: its name, type and range, not the rules between parameters. */
    private static void checkValue(Strategy valuesOnly, String option, String name, String value) {
        try {
            Strategies.parse(valuesOnly, Map.of(name, value));
        } catch (InvalidParameterException e) {
            boolean known = valuesOnly.parameters().stream().anyMatch(p -> p.name().equals(name));
            throw new InvalidSweepException(option + " " + name + (known ? "=" + value : "") + ": " + e.getMessage(),
                    valuesOnly.type());
        }
    }

    /**
     * The strategy without its rules between parameters ({@link Strategy#validate} left at its default, which accepts
     * all): {@link Strategies#parse} on it checks names, types and ranges only, so that a value can be judged alone
     * (fast=50 is a good value even though fast=50 with the default slow is not a good combination).
     */
    private static Strategy valuesOnly(Strategy strategy) {
        return new Strategy() {
            @Override
            public String type() {
                return strategy.type();
            }

            @Override
            public List<Parameter> parameters() {
                return strategy.parameters();
            }

            @Override
            public Set<String> indicators(Parameters params) {
                throw new UnsupportedOperationException("only for checking parameters");
            }

            @Override
            public StrategyState initialState() {
                throw new UnsupportedOperationException("only for checking parameters");
            }

            @Override
            public Rule rule(Parameters params) {
                throw new UnsupportedOperationException("only for checking parameters");
            }
        };
    }
}
