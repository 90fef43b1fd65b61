package io.tradeflow.position.rest;

import io.tradeflow.core.domain.Symbol;

/** Checks of the REST API's query parameters; each failure is a 400 naming the parameter. */
final class Query {
    private Query() {
    }

    /** A page index {@code >= 0} and a size in {@code 1..max}. */
    static void page(int page, int size, int max) {
        if (page < 0) {
            throw Problem.badRequest("page", "page must be 0 or more, was " + page);
        }
        if (size < 1 || size > max) {
            throw Problem.badRequest("size", "size must be between 1 and " + max + ", was " + size);
        }
    }

    /** {@code from <= to} when both are given (epoch ms). */
    static void range(Long from, Long to) {
        if (from != null && from < 0) {
            throw Problem.badRequest("from", "from must be an epoch-millisecond time, was " + from);
        }
        if (from != null && to != null && from > to) {
            throw Problem.badRequest("to", "to (" + to + ") is before from (" + from + ")");
        }
    }

    /** A symbol as the events write it ({@code BTCUSDT}), or null when not given. */
    static String symbol(String symbol) {
        if (symbol == null) {
            return null;
        }
        try {
            return new Symbol(symbol).value();
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("symbol", e.getMessage());
        }
    }

    /** {@code open} or {@code closed} (any case) as the stored status, or null when not given. */
    static String status(String status) {
        if (status == null) {
            return null;
        }
        return switch (status.toLowerCase()) {
            case "open" -> "OPEN";
            case "closed" -> "CLOSED";
            default -> throw Problem.badRequest("status", "status must be open or closed, was '" + status + "'");
        };
    }
}
