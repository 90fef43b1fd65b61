package io.tradeflow.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Kline intervals, with the codes Binance uses. Codes are case-sensitive: {@code 1m} is a minute, {@code 1M} a month.
 */
public enum Interval {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    THREE_MINUTES("3m", Duration.ofMinutes(3)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    THIRTY_MINUTES("30m", Duration.ofMinutes(30)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    TWO_HOURS("2h", Duration.ofHours(2)),
    FOUR_HOURS("4h", Duration.ofHours(4)),
    SIX_HOURS("6h", Duration.ofHours(6)),
    EIGHT_HOURS("8h", Duration.ofHours(8)),
    TWELVE_HOURS("12h", Duration.ofHours(12)),
    ONE_DAY("1d", Duration.ofDays(1)),
    THREE_DAYS("3d", Duration.ofDays(3)),
    ONE_WEEK("1w", Duration.ofDays(7)),
    /** A UTC calendar month: its {@link #duration()} is only nominal. */
    ONE_MONTH("1M", Duration.ofDays(30));

    private final String code;
    private final Duration duration;

    Interval(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    /** The Binance code, e.g. {@code 15m}; also the JSON form. */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * The length of one kline. For {@link #ONE_MONTH} this is a nominal 30 days, good for estimates (how far back
     * to fetch) but not for boundaries: use {@link #closeTimeOf(long)} and {@link #nextOpenTime(long)} for those.
     */
    public Duration duration() {
        return duration;
    }

    /** True for every interval except {@link #ONE_MONTH}, whose length depends on the month. */
    public boolean isFixedLength() {
        return this != ONE_MONTH;
    }

    /** The open time of the kline after the one opening at {@code openTimeMs} (epoch ms, UTC). */
    public long nextOpenTime(long openTimeMs) {
        if (isFixedLength()) {
            return openTimeMs + duration.toMillis();
        }
        ZonedDateTime open = Instant.ofEpochMilli(openTimeMs).atZone(ZoneOffset.UTC);
        // Calendar arithmetic only means something from the first instant of a month (Jan 31 + 1 month = Feb 29).
        if (!open.equals(open.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC))) {
            throw new IllegalArgumentException(
                    "a 1M kline opens at the start of a UTC month, not at " + open.toInstant() + " (" + openTimeMs + ")");
        }
        return open.plusMonths(1).toInstant().toEpochMilli();
    }

    /** The close time of the kline opening at {@code openTimeMs}: as on Binance, 1 ms before the next one opens. */
    public long closeTimeOf(long openTimeMs) {
        return nextOpenTime(openTimeMs) - 1;
    }

    /** The interval with this Binance code; case-sensitive. */
    public static Interval fromCode(String code) {
        for (Interval interval : values()) {
            if (interval.code.equals(code)) {
                return interval;
            }
        }
        throw new IllegalArgumentException("unknown interval '" + code + "' (expected one of " + validCodes() + ")");
    }

    private static String validCodes() {
        return Arrays.stream(values()).map(Interval::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
