package io.tradeflow.backtest.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of the grid.
 *
 * @param number its place in the grid's order, from 1 (the last {@code --grid} varying fastest): the tie-break of
 *               the ranking, so that equal results always rank alike
 * @param grid   the grid's parameters and their values here, in the order of the {@code --grid} options
 * @param params every parameter the bot is given: the {@code --param}s, then the grid's
 */
public record Combination(int number, Map<String, String> grid, Map<String, String> params) {
    public Combination {
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** {@code fast=5 slow=20}: the grid's values, for messages and the table. */
    public String describe() {
        return grid.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
