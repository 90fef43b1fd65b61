package io.tradeflow.gateway.bots;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

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

    /** The dotted path of the field a JSON or YAML mapping error is about ({@code risk.leverage}, {@code bots[2]}). */
    public static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
