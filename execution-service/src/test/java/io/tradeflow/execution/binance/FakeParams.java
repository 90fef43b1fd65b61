package io.tradeflow.execution.binance;

import java.math.BigDecimal;
import java.util.Map;

/** The parameters of one request to {@link BinanceFuturesFake}, read with Binance's refusals (-1102, -1117). */
record FakeParams(Map<String, String> values) {

    String optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw FakeRefusal.missing(name);
        }
        return value;
    }

    BigDecimal decimal(String name) {
        String value = required(name);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw FakeRefusal.missing(name);
        }
    }

    /** "true" / "false" in any case (the docs write both); absent is false. */
    boolean bool(String name) {
        String value = optional(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw FakeRefusal.of(-1130, name);
    }

    String side() {
        String side = required("side");
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw FakeRefusal.of(-1117);
        }
        return side;
    }

    Long longValue(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw FakeRefusal.missing(name);
        }
    }
}
