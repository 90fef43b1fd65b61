package io.tradeflow.backtest.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalDouble;

/** How the report writes its values: one place, so the CSV, the JSON and the page agree. */
final class Formats {

    /** What the page shows for a measure that cannot be computed. */
    static final String NOT_AVAILABLE = "n/a";
    /** Decimal places of Sharpe and Sortino in the JSON. */
    static final int RATIO_SCALE = 4;

    /** ISO-8601 in UTC, always with milliseconds, so every cell of a column has the same width. */
    private static final DateTimeFormatter ISO_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The page's times: UTC to the minute. */
    private static final DateTimeFormatter PAGE_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** Plain notation, never an exponent ({@code 1E+2} is {@code 100}); null for null. */
    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static String plain(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse(null);
    }

    /** A ratio to {@link #RATIO_SCALE} places HALF_EVEN, plain; null when empty. */
    static String ratio(OptionalDouble value) {
        return value.isPresent() ? BigDecimal.valueOf(value.getAsDouble()).setScale(RATIO_SCALE,
                RoundingMode.HALF_EVEN).toPlainString() : null;
    }

    /** {@code 2024-01-01T02:00:00.000Z}. */
    static String isoUtc(long epochMs) {
        return ISO_UTC.format(Instant.ofEpochMilli(epochMs));
    }

    /** {@code 2024-01-01 02:00} (UTC). */
    static String pageUtc(long epochMs) {
        return PAGE_UTC.format(Instant.ofEpochMilli(epochMs));
    }

    /** ISO-8601 duration, {@code PT9H30M}; null when empty. */
    static String iso(Optional<Duration> value) {
        return value.map(Duration::toString).orElse(null);
    }

    /** A fraction as a percentage with 2 places HALF_EVEN: {@code 0.0725} is {@code 7.25 %}; "n/a" when empty. */
    static String percent(Optional<BigDecimal> fraction) {
        return fraction.map(f -> f.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " %")
                .orElse(NOT_AVAILABLE);
    }

    /** A ratio with 2 places for the page; "n/a" when empty. */
    static String pageRatio(OptionalDouble value) {
        return value.isPresent() ? BigDecimal.valueOf(value.getAsDouble()).setScale(2, RoundingMode.HALF_EVEN)
                .toPlainString() : NOT_AVAILABLE;
    }

    /** {@code 9 h 30 min}, {@code 1 d 2 h}, {@code 45 s}, {@code 0 s}: the non-zero units, down to the second. */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        append(text, seconds / 86_400, "d");
        append(text, seconds / 3_600 % 24, "h");
        append(text, seconds / 60 % 60, "min");
        append(text, seconds % 60, "s");
        return text.isEmpty() ? "0 s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(text.isEmpty() ? "" : " ").append(amount).append(' ').append(unit);
        }
    }
}
