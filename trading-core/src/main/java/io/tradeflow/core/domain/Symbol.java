package io.tradeflow.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A trading pair as the exchange names it, e.g. {@code BTCUSDT} (USD-M) or {@code BTCUSD_PERP} (COIN-M).
 *
 * <p>The constructor is strict (upper case only) because the symbol is also the Kafka record key: a lower-case
 * symbol on the wire would land on another partition, so it is rejected rather than silently fixed.
 * {@link #of(String)} is the lenient entry point for user input.
 */
public record Symbol(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Z0-9_]{1,32}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Symbol {
        if (value == null) {
            throw new IllegalArgumentException("symbol must not be null");
        }
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "invalid symbol '" + value + "' (expected 1 to 32 of A-Z, 0-9, _ such as BTCUSDT or BTCUSD_PERP)");
        }
    }

    /** Accepts any case ({@code btcusdt}), as users and Binance stream names write it. */
    public static Symbol of(String value) {
        // Locale.ROOT: in a Turkish locale "i".toUpperCase() is a dotted capital I, which no symbol contains.
        return new Symbol(value == null ? null : value.toUpperCase(Locale.ROOT));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
