package io.tradeflow.core.event;

import java.math.BigDecimal;

/** The checks event records run in their compact constructors, phrased the way the decoder reports problems. */
record Fields(String eventType) {

    <T> T required(String field, T value) {
        if (value == null) {
            throw invalid(field, "missing required field '" + field + "'");
        }
        return value;
    }

    String requiredText(String field, String value) {
        if (required(field, value).isBlank()) {
            throw invalid(field, "field '" + field + "' is blank");
        }
        return value;
    }

    BigDecimal positive(String field, BigDecimal value) {
        if (required(field, value).signum() <= 0) {
            throw invalid(field, "field '" + field + "' must be positive: " + value.toPlainString());
        }
        return value;
    }

    BigDecimal positiveIfPresent(String field, BigDecimal value) {
        return value == null ? null : positive(field, value);
    }

    BigDecimal notNegative(String field, BigDecimal value) {
        if (required(field, value).signum() < 0) {
            throw invalid(field, "field '" + field + "' must not be negative: " + value.toPlainString());
        }
        return value;
    }

    BigDecimal notNegativeIfPresent(String field, BigDecimal value) {
        return value == null ? null : notNegative(field, value);
    }

    long timestamp(String field, long epochMillis) {
        // 0 is what a missing or defaulted long looks like: never a real event time.
        if (epochMillis <= 0) {
            throw invalid(field, "field '" + field + "' must be a positive epoch-millisecond time: " + epochMillis);
        }
        return epochMillis;
    }

    void absent(String field, Object value, String when) {
        if (value != null) {
            throw invalid(field, "field '" + field + "' must be absent " + when);
        }
    }

    InvalidEventException invalid(String field, String problem) {
        return new InvalidEventException(eventType, field, problem);
    }
}
