package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Summary;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The order of a sweep's results: the better value of the measure first (the lower for {@link Measure#MAX_DRAWDOWN}),
 * an empty measure (no trade, no loss...) after every value, and equal ones by a tie-break that never ties (the
 * combination's number in sample, the in-sample rank out of sample), so that an order never depends on threads.
 */
public final class Ranking {
    private Ranking() {
    }

    /**
     * {@code items} sorted best first.
     *
     * @param summaryOf what is ranked of an item
     * @param tieBreak  lower first among equal values
     */
    public static <T> List<T> bestFirst(List<T> items, Measure measure, Function<T, Summary> summaryOf,
                                        ToIntFunction<T> tieBreak) {
        Comparator<T> byMeasure = (a, b) -> compare(measure, measure.of(summaryOf.apply(a)),
                measure.of(summaryOf.apply(b)));
        return items.stream().sorted(byMeasure.thenComparingInt(tieBreak)).toList();
    }

    /** Negative when {@code a} is better than {@code b}. */
    static int compare(Measure measure, Optional<BigDecimal> a, Optional<BigDecimal> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        int ascending = a.get().compareTo(b.get());
        return measure.lowerIsBetter() ? ascending : -ascending;
    }
}
