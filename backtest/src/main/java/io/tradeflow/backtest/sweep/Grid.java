package io.tradeflow.backtest.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parameter values a sweep tries: one {@link Axis} per {@code --grid NAME=VALUES}, every combination of their
 * values. {@code VALUES} is a comma-separated list whose items are values ({@code fast=5,10,20}) or ranges
 * {@code from:to:step} with both ends included ({@code slow=20:60:10} is 20, 30, 40, 50, 60; {@code riskReward=1:2:0.5}
 * is 1, 1.5, 2). Ranges are computed in exact decimals and written without trailing zeros; whether a value suits its
 * parameter (a whole number, its range) is the strategy's to say ({@link GridCheck}), not the grid's.
 *
 * @param axes the parameters, in the order given: combinations go through the last one fastest
 */
public record Grid(List<Axis> axes) {
    /** Plain decimals only: no exponent, so that a short text cannot stand for a huge number (as trading-core). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]{1,30}(\\.[0-9]{0,30})?|\\.[0-9]{1,30})");
    private static final String FORMS = "write NAME=VALUES: a list (--grid fast=5,10,20) or a range from:to:step, both "
            + "ends included (--grid slow=20:60:10)";

    public Grid {
        axes = List.copyOf(axes);
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one axis");
        }
    }

    /**
     * Reads the {@code --grid} options.
     *
     * @param maxCombinations more combinations than this are refused, before any is built
     * @throws InvalidSweepException for a malformed spec, an empty or endless range, a value or a parameter given
     *                               twice, or more than {@code maxCombinations} combinations
     */
    public static Grid parse(List<String> specs, long maxCombinations) {
        List<Axis> axes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String spec : specs) {
            Axis axis = axis(spec, maxCombinations);
            if (!names.add(axis.parameter())) {
                throw new InvalidSweepException("--grid " + axis.parameter() + " is given twice: put all its values in "
                        + "one --grid, e.g. --grid " + axis.parameter() + "=5,10,20");
            }
            axes.add(axis);
        }
        Grid grid = new Grid(axes);
        if (grid.size() > maxCombinations) {
            throw new InvalidSweepException("--grid gives " + (grid.size() == Long.MAX_VALUE ? "too many" : grid.size())
                    + " combinations (" + grid.axes.stream().map(a -> a.parameter() + " " + a.values().size())
                    .collect(Collectors.joining(" x ")) + "), more than the " + maxCombinations + " allowed: narrow "
                    + "the grid (fewer values, larger steps) or raise --max-combinations");
        }
        return grid;
    }

    /** How many combinations: the product of the axes' sizes ({@link Long#MAX_VALUE} when it overflows). */
    public long size() {
        long size = 1;
        for (Axis axis : axes) {
            try {
                size = Math.multiplyExact(size, axis.values().size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return size;
    }

    /** Every combination, parameter name to value in the order of the axes, the last axis varying fastest. */
    public List<Map<String, String>> combinations() {
        int size = Math.toIntExact(size());
        List<Map<String, String>> all = new ArrayList<>(size);
        int[] at = new int[axes.size()];
        for (int n = 0; n < size; n++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < axes.size(); i++) {
                values.put(axes.get(i).parameter(), axes.get(i).values().get(at[i]));
            }
            all.add(Collections.unmodifiableMap(values));
            for (int i = axes.size() - 1; i >= 0 && ++at[i] == axes.get(i).values().size(); i--) {
                at[i] = 0;
            }
        }
        return all;
    }

    private static Axis axis(String text, long maxValues) {
        int equals = text.indexOf('=');
        String name = equals < 0 ? "" : text.substring(0, equals).strip();
        String spec = equals < 0 ? "" : text.substring(equals + 1).strip();
        if (name.isEmpty() || spec.isEmpty()) {
            throw new InvalidSweepException("--grid '" + text + "': " + FORMS);
        }
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : spec.split(",", -1)) {
            String value = item.strip();
            if (value.isEmpty()) {
                throw new InvalidSweepException("--grid " + name + "=" + spec + " has an empty value: " + FORMS);
            }
            for (String v : value.contains(":") ? range(name, value, maxValues) : List.of(value)) {
                if (!seen.add(NUMBER.matcher(v).matches() ? new BigDecimal(v).stripTrailingZeros().toPlainString() : v)) {
                    throw new InvalidSweepException("--grid " + name + "=" + spec + " gives the value " + v
                            + " twice: give each value once");
                }
                values.add(v);
            }
        }
        return new Axis(name, spec, values);
    }

    /** {@code from:to:step}, both ends included: from, from + step, ... up to to. */
    private static List<String> range(String name, String range, long maxValues) {
        String[] parts = range.split(":", -1);
        String what = "--grid " + name + "=" + range;
        if (parts.length != 3) {
            throw new InvalidSweepException(what + ": a range is from:to:step, both ends included, e.g. "
                    + name + "=20:60:10");
        }
        BigDecimal from = number(what, parts[0]);
        BigDecimal to = number(what, parts[1]);
        BigDecimal step = number(what, parts[2]);
        if (step.signum() <= 0) {
            throw new InvalidSweepException(what + ": the step " + parts[2].strip() + " must be above 0");
        }
        if (from.compareTo(to) > 0) {
            throw new InvalidSweepException(what + " is an empty range: from (" + parts[0].strip() + ") is above to ("
                    + parts[1].strip() + "); write the smaller end first");
        }
        BigDecimal count = to.subtract(from).divideToIntegralValue(step).add(BigDecimal.ONE);
        if (count.compareTo(BigDecimal.valueOf(maxValues)) > 0) {
            throw new InvalidSweepException(what + " has " + count.toPlainString() + " values, more than the "
                    + maxValues + " combinations allowed: use a larger step or raise --max-combinations");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count.intValueExact(); i++) {
            values.add(from.add(step.multiply(BigDecimal.valueOf(i))).stripTrailingZeros().toPlainString());
        }
        return values;
    }

    private static BigDecimal number(String what, String text) {
        String trimmed = text.strip();
        if (!NUMBER.matcher(trimmed).matches()) {
            throw new InvalidSweepException(what + ": '" + trimmed + "' is not a number (a range is from:to:step in "
                    + "plain decimals, e.g. 0.5:2:0.25)");
        }
        return new BigDecimal(trimmed);
    }
}
