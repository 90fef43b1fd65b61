package io.tradeflow.core.strategy;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A bot's strategy parameters, checked against the strategy's {@link Parameter} list and typed, defaults filled in.
 * Built by {@link Strategies}; strategies read them by name.
 */
public record Parameters(Map<String, Object> values) {

    public Parameters {
        values = Map.copyOf(values);
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public BigDecimal decimal(String name) {
        return (BigDecimal) get(name);
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    private Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; known: " + values.keySet());
        }
        return value;
    }
}
