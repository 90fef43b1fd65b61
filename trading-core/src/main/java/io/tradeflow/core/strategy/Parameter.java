package io.tradeflow.core.strategy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One parameter a strategy accepts.
 *
 * @param defaultValue the value when a bot leaves it out, as text ({@code 21}, {@code 1.5}, {@code false})
 * @param min          smallest allowed value (inclusive), null for none or for booleans
 * @param max          largest allowed value (inclusive), null for none or for booleans
 */
public record Parameter(String name, Type type, String defaultValue, BigDecimal min, BigDecimal max,
        String description) {

    public enum Type { INTEGER, DECIMAL, BOOLEAN }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }

    public static Parameter integer(String name, int defaultValue, int min, int max, String description) {
        return new Parameter(name, Type.INTEGER, Integer.toString(defaultValue), BigDecimal.valueOf(min),
                BigDecimal.valueOf(max), description);
    }

    public static Parameter decimal(String name, String defaultValue, String min, String max, String description) {
        return new Parameter(name, Type.DECIMAL, defaultValue, new BigDecimal(min), new BigDecimal(max),
                description);
    }

    public static Parameter bool(String name, boolean defaultValue, String description) {
        return new Parameter(name, Type.BOOLEAN, Boolean.toString(defaultValue), null, null, description);
    }
}
