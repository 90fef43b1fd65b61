package io.tradeflow.gateway.bots;

/** A bot request that cannot be run: {@code field} names the offending field ({@code strategy.params.fast}). */
public class FieldError extends RuntimeException {
    private final String field;

    public FieldError(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
