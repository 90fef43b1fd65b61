package io.tradeflow.gateway.query;

import io.tradeflow.gateway.rest.Problems;
import jakarta.ws.rs.WebApplicationException;

/**
 * Numeric query parameters are checked here before they are passed on: as strings they reach the service as the
 * caller wrote them, and a word where a number belongs would otherwise be answered by JAX-RS's conversion rule
 * (404) instead of a 400 naming the parameter. Ranges and everything else the service judges.
 */
final class Params {
    private Params() {
    }

    /** {@code value} when absent or a whole number of at most 18 digits, maybe negative (the service judges ranges). */
    static String whole(String name, String value) {
        if (value != null && !value.matches("-?[0-9]{1,18}")) {
            throw new WebApplicationException(Problems.problem(400, "Invalid request",
                    name + " must be a whole number, was '" + value + "'", name));
        }
        return value;
    }
}
