package io.tradeflow.backtest.sweep;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a grid and the values it takes, in the order given.
 *
 * @param parameter the strategy parameter's name, e.g. {@code slow}
 * @param spec      the values as written after {@code =}, e.g. {@code 20:60:10}, for messages and {@code sweep.json}
 * @param values    the values as the strategy reads them, e.g. {@code 20, 30, 40, 50, 60}; at least one, none twice
 */
public record Axis(String parameter, String spec, List<String> values) {
    public Axis {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(spec, "spec");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("axis " + parameter + " has no value");
        }
    }
}
