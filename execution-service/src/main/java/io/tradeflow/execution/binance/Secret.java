package io.tradeflow.execution.binance;

import java.util.Objects;

/**
 * An API key or HMAC secret that cannot be printed: {@link #toString()} is {@code ***}, so a key that slips into a log
 * line, an exception message or a config dump shows nothing. Only the signer and the request builder of this package
 * read the value ({@link #reveal()} is package-private); nothing else needs it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Also the converter SmallRye Config uses for {@code Optional<Secret>} config properties. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("a key must not be blank");
        }
        // Strip: a Kubernetes Secret made with `echo` carries a trailing newline, which would break the signature.
        return new Secret(stripped);
    }

    /** The key itself: for the {@code X-MBX-APIKEY} header and the HMAC key, nothing else. */
    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
