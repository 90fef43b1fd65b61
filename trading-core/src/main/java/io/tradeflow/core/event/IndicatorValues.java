package io.tradeflow.core.event;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values of an {@link IndicatorsComputed}: an immutable map from indicator name to decimal, iterated in name order
 * (so the JSON of a snapshot is byte-stable).
 *
 * <p>Why not a {@code TreeMap}: a series writes a snapshot per kline and a reader usually looks at two or three of its
 * values. {@link #scaled} keeps each value as an unscaled {@code long} at a fixed scale, over a sorted name array that
 * the series builds once per change of its indicators, and makes a value's {@code BigDecimal} (trailing zeros
 * stripped) only when it is read, once. Building the sorted map per kline was most of a backtest's time. (A value
 * no long at that scale carries exactly, such as one below about 0.0005 or above about 9e10, is given as a decimal
 * up front.)
 *
 * <p>Thread-safe: the decimals read are cached in a racy but benign way ({@code BigDecimal} is immutable and safely
 * published through its final fields; two threads may both make the same value).
 */
public final class IndicatorValues extends AbstractMap<String, BigDecimal> {

    /** An unscaled value that stands for "no value" (never a real one: those fit in 63 bits). */
    public static final long ABSENT = Long.MIN_VALUE;

    private static final IndicatorValues EMPTY = new IndicatorValues(new String[0], new long[0], 0, new BigDecimal[0]);

    private final String[] names;
    private final long[] unscaled;
    private final int scale;
    /** Values given as decimals, by index into {@link #names}, overriding {@link #unscaled}; null for none. */
    private final BigDecimal[] exact;
    /** The decimals made from {@link #unscaled} so far; null before the first read. */
    private BigDecimal[] made;
    private Set<Map.Entry<String, BigDecimal>> entries;

    private IndicatorValues(String[] names, long[] unscaled, int scale, BigDecimal[] exact) {
        this.names = names;
        this.unscaled = unscaled;
        this.scale = scale;
        this.exact = exact;
    }

    /**
     * Sorted, distinct, non-blank indicator names, checked once so that {@link #scaled} need not check them per
     * snapshot.
     */
    public static final class Names {
        private final String[] sorted;

        private Names(String[] sorted) {
            this.sorted = sorted;
        }

        /**
         * The names, interned, so that a reader holding interned names ({@link String#intern()}) finds them by
         * identity (see {@link IndicatorValues#get}).
         *
         * @throws IllegalArgumentException for a null or blank name, or a name given twice
         */
        public static Names of(Collection<String> names) {
            TreeSet<String> sorted = new TreeSet<>(checkedNames(names));
            if (sorted.size() != names.size()) {
                throw new IllegalArgumentException("indicator names must be distinct: " + names);
            }
            return new Names(sorted.stream().map(String::intern).toArray(String[]::new));
        }

        /** How many names. */
        public int size() {
            return sorted.length;
        }

        /** The name at {@code index} in sorted order. */
        public String get(int index) {
            return sorted[index];
        }

        private static Collection<String> checkedNames(Collection<String> names) {
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("an indicator name must not be blank: " + names);
                }
            }
            return names;
        }
    }

    /**
     * Values given as unscaled longs at {@code scale}, one per name in {@code names}' sorted order; {@link #ABSENT}
     * leaves a name out. {@code exact}, when not null, overrides the values it holds (for a value a long cannot carry).
     * Takes ownership of the arrays: do not change them afterwards.
     *
     * @throws IllegalArgumentException when an array's length is not {@code names.size()}
     */
    public static IndicatorValues scaled(Names names, long[] unscaled, int scale, BigDecimal[] exact) {
        if (unscaled.length != names.size()) {
            throw new IllegalArgumentException(unscaled.length + " unscaled values for " + names.size() + " names");
        }
        if (exact != null && exact.length != names.size()) {
            throw new IllegalArgumentException(exact.length + " exact values for " + names.size() + " names");
        }
        return new IndicatorValues(names.sorted, unscaled, scale, exact);
    }

    /**
     * The values of {@code values}, sorted by name.
     *
     * @throws NullPointerException for a null name or value
     * @throws IllegalArgumentException for a blank name
     */
    public static IndicatorValues copyOf(Map<String, BigDecimal> values) {
        if (values instanceof IndicatorValues already) {
            return already;
        }
        if (values.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, BigDecimal> sorted = new TreeMap<>(values);
        Names.checkedNames(sorted.keySet());
        String[] names = sorted.keySet().toArray(new String[0]);
        BigDecimal[] decimals = new BigDecimal[names.length];
        for (int i = 0; i < names.length; i++) {
            decimals[i] = Objects.requireNonNull(sorted.get(names[i]), names[i]);
        }
        long[] unscaled = new long[names.length];
        Arrays.fill(unscaled, ABSENT);
        return new IndicatorValues(names, unscaled, 0, decimals);
    }

    /** Found by identity first (a reader's interned name: a few reference comparisons), then by binary search. */
    @Override
    public BigDecimal get(Object name) {
        int index = indexOf(name);
        return index < 0 ? null : valueAt(index);
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        return name instanceof String key ? Arrays.binarySearch(names, key) : -1;
    }

    @Override
    public boolean containsKey(Object name) {
        int index = indexOf(name);
        return index >= 0 && isPresent(index);
    }

    @Override
    public int size() {
        int size = 0;
        for (int i = 0; i < names.length; i++) {
            if (isPresent(i)) {
                size++;
            }
        }
        return size;
    }

    private boolean isPresent(int index) {
        return unscaled[index] != ABSENT || exact != null && exact[index] != null;
    }

    private BigDecimal valueAt(int index) {
        if (exact != null && exact[index] != null) {
            return exact[index];
        }
        long value = unscaled[index];
        if (value == ABSENT) {
            return null;
        }
        BigDecimal[] cache = made;
        if (cache == null) {
            cache = new BigDecimal[names.length];
            made = cache;
        } else if (cache[index] != null) {
            return cache[index];
        }
        BigDecimal decimal = stripped(value, scale);
        cache[index] = decimal;
        return decimal;
    }

    /**
     * {@code BigDecimal.valueOf(unscaled, scale).stripTrailingZeros()} (the same value and scale, zero as
     * {@link BigDecimal#ZERO}), without the intermediate decimal: most values are read once, on the hot path.
     */
    static BigDecimal stripped(long unscaled, int scale) {
        if (unscaled == 0) {
            return BigDecimal.ZERO;
        }
        long digits = unscaled;
        int places = scale;
        while (digits % 10 == 0) {
            digits /= 10;
            places--;
        }
        return BigDecimal.valueOf(digits, places);
    }

    @Override
    public Set<Map.Entry<String, BigDecimal>> entrySet() {
        if (entries == null) {
            entries = new Entries();
        }
        return entries;
    }

    private final class Entries extends AbstractSet<Map.Entry<String, BigDecimal>> {
        @Override
        public int size() {
            return IndicatorValues.this.size();
        }

        @Override
        public Iterator<Map.Entry<String, BigDecimal>> iterator() {
            return new Iterator<>() {
                private int next = skipAbsent(0);

                private int skipAbsent(int from) {
                    int i = from;
                    while (i < names.length && !isPresent(i)) {
                        i++;
                    }
                    return i;
                }

                @Override
                public boolean hasNext() {
                    return next < names.length;
                }

                @Override
                public Map.Entry<String, BigDecimal> next() {
                    if (next >= names.length) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, BigDecimal> entry = new SimpleImmutableEntry<>(names[next], valueAt(next));
                    next = skipAbsent(next + 1);
                    return entry;
                }
            };
        }
    }
}
