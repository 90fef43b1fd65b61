package io.tradeflow.klinefiles;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UTC days a kline file covers by its name: data.binance.vision names a daily file by its day
 * ({@code BTCUSDT-1m-2023-11-15.zip}) and a monthly one by its month ({@code BTCUSDT-1m-2023-11.zip}); our copies
 * name a range ({@code BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv}). Both ends are inclusive.
 */
public record DateSpan(LocalDate first, LocalDate last) {
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern RANGE = Pattern.compile("(.+)_to_(.+)");

    public DateSpan {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a span ends on or after its first day: " + first + " to " + last);
        }
    }

    /** Epoch ms of 00:00 UTC of the first day: the first open time in the span. */
    public long fromMillis() {
        return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Epoch ms of 00:00 UTC of the day after the last: every open time in the span is before it. */
    public long untilMillis() {
        return last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** True when the span and the days {@code from} to {@code to} (inclusive) have a day in common. */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return !last.isBefore(from) && !first.isAfter(to);
    }

    /**
     * The span a name's date part gives ({@code 2023-11-15}, {@code 2023-11}, {@code 2023-11-15_to_2023-11-21}), or
     * empty when it is none of these: such a file's klines are then judged by their own times.
     */
    static Optional<DateSpan> parse(String text) {
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            Optional<DateSpan> from = single(range.group(1));
            Optional<DateSpan> to = single(range.group(2));
            if (from.isPresent() && to.isPresent() && !to.get().last().isBefore(from.get().first())) {
                return Optional.of(new DateSpan(from.get().first(), to.get().last()));
            }
            return Optional.empty();
        }
        return single(text);
    }

    private static Optional<DateSpan> single(String text) {
        try {
            if (DAY.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                return Optional.of(new DateSpan(day, day));
            }
            if (MONTH.matcher(text).matches()) {
                YearMonth month = YearMonth.parse(text);
                return Optional.of(new DateSpan(month.atDay(1), month.atEndOfMonth()));
            }
        } catch (DateTimeParseException notADate) {
            // 2023-13-01 and the like: no span, as for any other text
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + " to " + last;
    }
}
