package io.tradeflow.core.order;

import java.util.Objects;

/**
 * Why an order was refused before any venue saw it.
 *
 * @param reason the stable code that goes on the wire
 * @param detail a sentence for people, naming the numbers, e.g. {@code quantity 0.0005 is below the minimum 0.001 of
 *               BTCUSDT}
 */
public record Denial(DenyReason reason, String detail) {

    public Denial {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (detail.isBlank()) {
            throw new IllegalArgumentException("detail must not be blank");
        }
    }
}
