package io.tradeflow.core.indicator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorValues;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The indicators of one (symbol, interval) series: what indicator-service keeps per series and what a backtest
 * runs, so that both produce the same snapshots from the same klines. Not thread-safe: one series, one thread.
 *
 * <p>Values are computed in doubles and written into the snapshot as decimals rounded to {@value #SCALE} places
 * (HALF_EVEN, trailing zeros stripped); a value that is NaN or infinite is left out.
 */
public final class IndicatorSeries {

    /** {@link #lastOpenTime()} before any kline: below every real open time, so the first kline is never a duplicate. */
    public static final long NO_KLINE = Long.MIN_VALUE;
    /** Decimal places of snapshot values. */
    public static final int SCALE = 8;

    private final Symbol symbol;
    private final Interval interval;
    /** The interval's length for a fixed-length interval, else 0 (months). */
    private final long intervalMillis;
    private final SortedMap<String, Indicator> byName = new TreeMap<>();
    /** Indicators added by {@link #require} that have seen no kline yet: only these may be warmed up alone. */
    private final Set<String> fresh = new HashSet<>();
    private Indicator[] indicators = new Indicator[0];
    /** The snapshot's layout, rebuilt when the indicators change: every output by name, and where it comes from. */
    private IndicatorValues.Names outputNames = IndicatorValues.Names.of(List.of());
    private Indicator[] outputOf = new Indicator[0];
    private int[] outputIndex = new int[0];
    private long lastOpenTime = NO_KLINE;
    /**
     * True once every indicator was seen stable; an indicator never becomes unstable again, so this holds until the
     * indicators change. Saves asking each one per kline.
     */
    private boolean allStable;

    /**
     * What {@link #apply} made of a kline.
     *
     * @param snapshot     the snapshot of the kline; empty for a duplicate
     * @param duplicate    the kline opened at or before the last one applied, and changed nothing
     * @param missedKlines how many klines are missing between the previous one and this (0 on the first)
     */
    public record Update(Optional<IndicatorsComputed> snapshot, boolean duplicate, long missedKlines) {

        public Update {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    public IndicatorSeries(Symbol symbol, Interval interval) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.intervalMillis = interval.isFixedLength() ? interval.duration().toMillis() : 0;
    }

    public Symbol symbol() {
        return symbol;
    }

    public Interval interval() {
        return interval;
    }

    /**
     * Adds the indicators not present yet. Every name is validated before anything is added, so a bad name changes
     * nothing. New indicators start fresh: warm them with {@link #warmUp(Collection, List)}, or they warm up on the
     * klines that come.
     *
     * @return the canonical names that were added
     * @throws IllegalArgumentException for a name {@link Indicators#canonical} rejects
     */
    public Set<String> require(Collection<String> names) {
        List<Indicator> candidates = new ArrayList<>();
        for (String name : names) {
            candidates.add(Indicators.create(name));
        }
        Set<String> added = new TreeSet<>();
        for (Indicator indicator : candidates) {
            if (!byName.containsKey(indicator.name())) {
                byName.put(indicator.name(), indicator);
                fresh.add(indicator.name());
                added.add(indicator.name());
            }
        }
        indicatorsChanged();
        return Collections.unmodifiableSet(added);
    }

    /**
     * Removes the indicators not named in {@code names} (canonical or not), so that a series computes only what is
     * still needed and a snapshot's values depend on today's requirements only. Nothing else changes.
     *
     * @return the canonical names that were removed
     * @throws IllegalArgumentException for a name {@link Indicators#canonical} rejects; nothing is removed then
     */
    public Set<String> retainOnly(Collection<String> names) {
        Set<String> kept = new HashSet<>();
        for (String name : names) {
            kept.add(Indicators.canonical(name));
        }
        Set<String> removed = new TreeSet<>(byName.keySet());
        removed.removeAll(kept);
        if (!removed.isEmpty()) {
            byName.keySet().removeAll(removed);
            fresh.removeAll(removed);
            indicatorsChanged();
        }
        return Collections.unmodifiableSet(removed);
    }

    /** The canonical names of the indicators, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    /** The open time of the last kline folded in, {@link #NO_KLINE} before any. */
    public long lastOpenTime() {
        return lastOpenTime;
    }

    /**
     * Folds in a closed kline and returns its snapshot, or, for a kline opening at or before the last one (a
     * redelivery or a late backfill), a duplicate update that changed nothing.
     *
     * @throws IllegalArgumentException if the kline belongs to another symbol or interval
     */
    public Update apply(KlineClosed kline, long producedAt) {
        return apply(kline, KlinePrices.of(kline), producedAt);
    }

    /**
     * The same, with the kline's prices already converted ({@link KlinePrices#of(KlineClosed)}), as klines held for
     * many runs keep them.
     *
     * @param prices {@code kline}'s prices: the indicators compute with these, the snapshot carries the kline's
     *               decimals
     */
    public Update apply(KlineClosed kline, KlinePrices prices, long producedAt) {
        requireThisSeries(kline.symbol(), kline.interval(), kline.openTime());
        if (kline.openTime() <= lastOpenTime) {
            return new Update(Optional.empty(), true, 0);
        }
        long missed = lastOpenTime == NO_KLINE ? 0 : missedBetween(lastOpenTime, kline.openTime());
        prices.foldInto(indicators);
        lastOpenTime = kline.openTime();
        fresh.clear();
        boolean stable = isStable();
        IndicatorsComputed snapshot = new IndicatorsComputed(kline.symbol(), kline.interval(), kline.openTime(),
                kline.closeTime(), kline.open(), kline.high(), kline.low(), kline.close(), kline.volume(),
                values(stable), stable, kline.eventTime(), producedAt);
        return new Update(Optional.of(snapshot), false, missed);
    }

    /** True when every indicator is stable (and so when there is none). */
    public boolean isStable() {
        if (!allStable) {
            allStable = true;
            for (Indicator indicator : indicators) {
                if (!indicator.isStable()) {
                    allStable = false;
                    break;
                }
            }
        }
        return allStable;
    }

    /**
     * Folds older klines into every indicator without producing snapshots, e.g. the recent klines kept in Redis
     * after a restart. The list may come in any order; klines opening at or before {@link #lastOpenTime()} are
     * skipped, the rest are folded in time order and move {@link #lastOpenTime()}. Gaps are not filled.
     *
     * @throws IllegalArgumentException if a kline belongs to another symbol or interval
     */
    public void warmUp(List<Kline> history) {
        for (Kline kline : inTimeOrder(history)) {
            if (kline.openTime() > lastOpenTime) {
                KlinePrices.of(kline).foldInto(indicators);
                lastOpenTime = kline.openTime();
                fresh.clear();
            }
        }
    }

    /**
     * Folds history into just the named indicators, which must have been added by {@link #require} and not have seen
     * a kline since. Only klines opening at or before {@link #lastOpenTime()} are folded, so the new indicators end
     * up having seen the same span of the series as the old ones and the next {@link #apply} moves all of them on
     * together; {@link #lastOpenTime()} does not change. On a series that has seen no kline this folds nothing (use
     * {@link #warmUp(List)}, which folds into every indicator).
     *
     * @throws IllegalStateException if a named indicator is absent or has already seen klines
     */
    public void warmUp(Collection<String> names, List<Kline> history) {
        Set<String> canonical = new TreeSet<>();
        for (String name : names) {
            String c = Indicators.canonical(name);
            if (!fresh.contains(c)) {
                throw new IllegalStateException(c + (byName.containsKey(c)
                        ? " has already seen klines of " + symbol + " " + interval + "; only fresh indicators warm up alone"
                        : " is not an indicator of " + symbol + " " + interval + "; require it first"));
            }
            canonical.add(c);
        }
        Indicator[] selected = canonical.stream().map(byName::get).toArray(Indicator[]::new);
        long previous = NO_KLINE;
        for (Kline kline : inTimeOrder(history)) {
            if (kline.openTime() > lastOpenTime) {
                break;
            }
            if (kline.openTime() > previous) {
                KlinePrices.of(kline).foldInto(selected);
                previous = kline.openTime();
            }
        }
        fresh.removeAll(canonical);
    }

    private List<Kline> inTimeOrder(List<Kline> history) {
        List<Kline> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingLong(Kline::openTime));
        for (Kline kline : sorted) {
            requireThisSeries(kline.symbol(), kline.interval(), kline.openTime());
        }
        return sorted;
    }

    private void indicatorsChanged() {
        allStable = false;
        indicators = byName.values().toArray(new Indicator[0]);
        SortedMap<String, Map.Entry<Indicator, Integer>> outputs = new TreeMap<>();
        for (Indicator indicator : indicators) {
            for (int i = 0; i < indicator.outputs(); i++) {
                if (outputs.put(indicator.outputName(i), Map.entry(indicator, i)) != null) {
                    // Cannot happen with Indicators' names (an output is its canonical name, or that name, a dot
                    // and a part): a guard for a future indicator, as a snapshot would silently lose a value.
                    throw new IllegalStateException("two indicators of " + symbol + " " + interval + " output "
                            + indicator.outputName(i));
                }
            }
        }
        outputNames = IndicatorValues.Names.of(outputs.keySet());
        outputOf = outputs.values().stream().map(Map.Entry::getKey).toArray(Indicator[]::new);
        outputIndex = outputs.values().stream().mapToInt(Map.Entry::getValue).toArray();
    }

    /**
     * The values of the stable indicators' finite outputs, made decimal only when read (see {@link #toDecimal}).
     *
     * @param stable whether every indicator is stable ({@link #isStable()})
     */
    private IndicatorValues values(boolean stable) {
        int count = outputOf.length;
        long[] unscaled = new long[count];
        BigDecimal[] exact = null;
        for (int i = 0; i < count; i++) {
            Indicator indicator = outputOf[i];
            double value = stable || indicator.isStable() ? indicator.value(outputIndex[i]) : Double.NaN;
            long scaled = Double.isFinite(value) ? scaledExactly(value) : NOT_FAST;
            if (scaled == NOT_FAST && Double.isFinite(value)) {
                exact = exact == null ? new BigDecimal[count] : exact;
                exact[i] = toDecimal(value);
            }
            unscaled[i] = scaled == NOT_FAST ? IndicatorValues.ABSENT : scaled;
        }
        return IndicatorValues.scaled(outputNames, unscaled, SCALE, exact);
    }

    /**
     * The snapshot form of an indicator value: the exact binary value of the double rounded once to {@value #SCALE}
     * places, HALF_EVEN, trailing zeros stripped. Not {@code BigDecimal.valueOf(value)}, whose shortest decimal can
     * sit on the other side of a rounding tie than the double itself.
     */
    public static BigDecimal toDecimal(double value) {
        long scaled = scaledExactly(value);
        if (scaled != NOT_FAST) {
            return BigDecimal.valueOf(scaled, SCALE).stripTrailingZeros();
        }
        return new BigDecimal(value).setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static final long NOT_FAST = Long.MIN_VALUE;
    private static final long TEN_TO_SCALE = 100_000_000L;

    /**
     * round(value * 10^8) HALF_EVEN computed exactly in 128-bit integer arithmetic, for the usual magnitudes
     * (2^-11 to about 9e10); {@link #NOT_FAST} otherwise. The slow path divides a BigInteger of ~140 bits for each
     * value and was most of a snapshot's cost.
     */
    static long scaledExactly(double value) {
        if (value == 0) {
            return 0; // +0.0 and -0.0 alike (an RSI can be exactly 0)
        }
        long bits = Double.doubleToRawLongBits(value);
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        if (exponent == 0 || exponent == 0x7ff) {
            return NOT_FAST;
        }
        long mantissa = (bits & 0xf_ffff_ffff_ffffL) | (1L << 52);
        int shift = 1075 - exponent; // |value| = mantissa / 2^shift
        if (shift < 1 || shift > 63) {
            return NOT_FAST;
        }
        long high = Math.multiplyHigh(mantissa, TEN_TO_SCALE);
        long low = mantissa * TEN_TO_SCALE;
        if ((high >>> (shift - 1)) != 0) {
            return NOT_FAST; // the quotient would not fit in 63 bits
        }
        long quotient = (high << (64 - shift)) | (low >>> shift);
        long remainder = low & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1) == 1)) {
            if (quotient == Long.MAX_VALUE) {
                return NOT_FAST;
            }
            quotient++;
        }
        return bits < 0 ? -quotient : quotient;
    }

    private long missedBetween(long previousOpen, long openTime) {
        if (interval.isFixedLength()) {
            return (openTime - previousOpen) / intervalMillis - 1;
        }
        long missed = 0;
        for (long next = interval.nextOpenTime(previousOpen); next < openTime; next = interval.nextOpenTime(next)) {
            missed++;
        }
        return missed;
    }

    private void requireThisSeries(Symbol klineSymbol, Interval klineInterval, long openTime) {
        if (!symbol.equals(klineSymbol) || interval != klineInterval) {
            throw new IllegalArgumentException("kline " + Kline.id(klineSymbol, klineInterval, openTime)
                    + " does not belong to the series " + symbol + " " + interval);
        }
    }

    /** Everything needed to continue exactly where this series is: see {@link #restore}. */
    public Checkpoint checkpoint() {
        Map<String, double[]> states = new TreeMap<>();
        byName.forEach((name, indicator) -> states.put(name, indicator.state()));
        return new Checkpoint(lastOpenTime, states);
    }

    /**
     * The bytes {@code CheckpointBytes.write(checkpoint())} gives, byte for byte, written straight from the indicators
     * without the {@link Checkpoint}'s maps and copies: indicator-service stores them on every kline (issue 14).
     */
    public byte[] checkpointBytes() {
        String[] names = new String[byName.size()];
        double[][] states = new double[names.length][];
        int i = 0;
        for (Map.Entry<String, Indicator> entry : byName.entrySet()) {
            names[i] = entry.getKey();
            states[i++] = entry.getValue().state();
        }
        return CheckpointBytes.write(lastOpenTime, names, states);
    }

    /**
     * A series that continues exactly where the checkpointed one was. No restored indicator counts as fresh.
     *
     * @throws IllegalArgumentException for a name that is not canonical or a state that does not fit its indicator
     */
    public static IndicatorSeries restore(Symbol symbol, Interval interval, Checkpoint checkpoint) {
        IndicatorSeries series = new IndicatorSeries(symbol, interval);
        checkpoint.states().forEach((name, state) -> {
            Indicator indicator = Indicators.create(name);
            if (!indicator.name().equals(name)) {
                throw new IllegalArgumentException("checkpoint names '" + name + "', not the canonical '"
                        + indicator.name() + "'");
            }
            indicator.restore(state);
            series.byName.put(name, indicator);
        });
        series.indicatorsChanged();
        series.lastOpenTime = checkpoint.lastOpenTime();
        return series;
    }

    /**
     * The state of a series. In JSON every state value is a number, except NaN and the infinities, which plain JSON
     * has no number for and which are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};
     * finite doubles are written in their shortest round-tripping form, so {@link #fromJson} restores every bit.
     *
     * @param lastOpenTime {@link IndicatorSeries#lastOpenTime()}, {@link #NO_KLINE} before any kline
     * @param states       each indicator's {@link Indicator#state()} by canonical name
     */
    public record Checkpoint(long lastOpenTime, Map<String, double[]> states) {

        private static final ObjectMapper JSON = new ObjectMapper();

        public Checkpoint {
            SortedMap<String, double[]> copy = new TreeMap<>();
            Objects.requireNonNull(states, "states").forEach((name, state) ->
                    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(state, name).clone()));
            states = Collections.unmodifiableSortedMap(copy);
        }

        /** A copy of the state of {@code name}, or null. */
        public double[] state(String name) {
            double[] state = states.get(name);
            return state == null ? null : state.clone();
        }

        public String toJson() {
            ObjectNode root = JSON.createObjectNode();
            root.put("lastOpenTime", lastOpenTime);
            ObjectNode statesNode = root.putObject("states");
            states.forEach((name, state) -> {
                ArrayNode values = statesNode.putArray(name);
                for (double value : state) {
                    if (Double.isFinite(value)) {
                        values.add(value);
                    } else {
                        values.add(Double.toString(value));
                    }
                }
            });
            try {
                return JSON.writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a checkpoint tree could not be written", e);
            }
        }

        /** @throws IllegalArgumentException if {@code json} is not a checkpoint written by {@link #toJson()} */
        public static Checkpoint fromJson(String json) {
            JsonNode root;
            try {
                root = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("checkpoint is not JSON: " + e.getOriginalMessage(), e);
            }
            if (root == null || !root.path("lastOpenTime").canConvertToExactIntegral()
                    || !root.path("states").isObject()) {
                throw new IllegalArgumentException("checkpoint needs a whole-number lastOpenTime and a states object");
            }
            Map<String, double[]> states = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : root.get("states").properties()) {
                states.put(field.getKey(), decodeState(field.getKey(), field.getValue()));
            }
            return new Checkpoint(root.get("lastOpenTime").asLong(), states);
        }

        private static double[] decodeState(String name, JsonNode array) {
            if (!array.isArray()) {
                throw new IllegalArgumentException("checkpoint state of " + name + " is not an array");
            }
            double[] state = new double[array.size()];
            for (int i = 0; i < state.length; i++) {
                JsonNode value = array.get(i);
                if (value.isNumber()) {
                    state[i] = value.doubleValue();
                } else if (value.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(value.textValue())) {
                    state[i] = Double.parseDouble(value.textValue());
                } else {
                    throw new IllegalArgumentException("checkpoint state of " + name + " holds " + value
                            + " at " + i + ", not a number");
                }
            }
            return state;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Checkpoint that) || lastOpenTime != that.lastOpenTime
                    || !states.keySet().equals(that.states.keySet())) {
                return false;
            }
            // Arrays.equals on doubles compares bits (NaN equals NaN), which is what "continues exactly" needs.
            return states.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.states.get(e.getKey())));
        }

        @Override
        public int hashCode() {
            int hash = Long.hashCode(lastOpenTime);
            for (Map.Entry<String, double[]> e : states.entrySet()) {
                hash = 31 * hash + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
            }
            return hash;
        }

        @Override
        public String toString() {
            return "Checkpoint[lastOpenTime=" + lastOpenTime + ", states=" + states.keySet() + "]";
        }
    }
}
