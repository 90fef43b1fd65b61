package io.tradeflow.klinefiles;

/**
 * The unit of a kline file's {@code open_time} and {@code close_time}. data.binance.vision writes epoch milliseconds
 * (13 digits), except spot files from 2025-01-01 on, which carry epoch microseconds (16 digits): "The timestamp for
 * SPOT Data from January 1st 2025 onwards will be in microseconds" (README of github.com/binance/binance-public-data).
 * Other archives may follow, so the unit is told from the number of digits rather than from the market or the date:
 * each range covers 2001-09-09 to 2286-11-20, and nothing can be in both.
 */
enum TimeUnitOfFile {
    MILLISECONDS("milliseconds", 1, 1_000_000_000_000L),
    MICROSECONDS("microseconds", 1_000, 1_000_000_000_000_000L);

    private final String name;
    private final long perMillisecond;
    /** The smallest 13- or 16-digit value; the largest is ten times this, minus one. */
    private final long smallest;

    TimeUnitOfFile(String name, long perMillisecond, long smallest) {
        this.name = name;
        this.perMillisecond = perMillisecond;
        this.smallest = smallest;
    }

    /** The unit a time written in a kline file is in, or null when it has neither 13 nor 16 digits. */
    static TimeUnitOfFile of(long time) {
        for (TimeUnitOfFile unit : values()) {
            if (time >= unit.smallest && time / 10 < unit.smallest) {
                return unit;
            }
        }
        return null;
    }

    /** The epoch ms of an open time in this unit; fails when it is not on a whole millisecond, as every open time is. */
    long openTimeMillis(long time) {
        if (time % perMillisecond != 0) {
            throw new IllegalArgumentException("open_time " + time + " is not on a whole millisecond");
        }
        return time / perMillisecond;
    }

    /**
     * The close time as this unit writes it, for a kline closing at {@code closeTimeMillis}: its last instant, so
     * {@code 1735689659999} ms is written {@code 1735689659999999} in microseconds.
     */
    long closeTimeIn(long closeTimeMillis) {
        return closeTimeMillis * perMillisecond + perMillisecond - 1;
    }

    @Override
    public String toString() {
        return name;
    }
}
