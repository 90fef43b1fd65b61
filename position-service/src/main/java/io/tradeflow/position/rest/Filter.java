package io.tradeflow.position.rest;

import io.quarkus.panache.common.Parameters;
import java.util.ArrayList;
import java.util.List;

/** A Panache query built from the optional filters that were given: {@code a = :a and b >= :b ...}. */
final class Filter {
    private final List<String> clauses = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    /** Adds {@code field op :name} when {@code value} is not null. */
    Filter and(String field, String op, String name, Object value) {
        if (value != null) {
            clauses.add(field + " " + op + " :" + name);
            parameters.and(name, value);
        }
        return this;
    }

    /** Adds {@code (field = :name or other = :name)} when {@code value} is not null. */
    Filter andEither(String field, String other, String name, Object value) {
        if (value != null) {
            clauses.add("(" + field + " = :" + name + " or " + other + " = :" + name + ")");
            parameters.and(name, value);
        }
        return this;
    }

    String query() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    Parameters parameters() {
        return parameters;
    }
}
