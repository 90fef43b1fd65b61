package io.tradeflow.backtest.sweep;

import io.tradeflow.backtest.report.Summary;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the best in-sample combination looks overfitted: tuned to the noise of the in-sample klines rather than to
 * something that lasts. It is, for this sweep, when out of sample
 * <ol>
 *   <li>it lost money (net PnL below 0) while it made money in sample (net PnL above 0), whatever the ranking
 *       measure; or</li>
 *   <li>it ranks last among the top N by the ranking measure, when at least {@value #MIN_COMPARED} ran out of sample.</li>
 * </ol>
 * A ratio of out-of-sample to in-sample measure is not used: the parts differ in length, so money and trade counts do
 * not compare, and ratios of small or negative values say little. Without a split there is nothing to judge.
 *
 * @param reasons why it looks overfitted, one sentence per rule that holds; empty when none does
 */
public record Overfitting(List<String> reasons) {
    /** Fewer combinations out of sample than this make "last" meaningless. */
    static final int MIN_COMPARED = 3;

    public Overfitting {
        reasons = List.copyOf(reasons);
    }

    public boolean warned() {
        return !reasons.isEmpty();
    }

    /** Judges the best of {@code ranked} (best first; the top N with their out-of-sample results). */
    static Overfitting judge(List<Outcome> ranked, Measure rankBy) {
        Outcome best = ranked.getFirst();
        if (best.outOfSample().isEmpty()) {
            return new Overfitting(List.of());
        }
        List<String> reasons = new ArrayList<>();
        String who = "the best in-sample combination (" + best.combination().describe() + ")";
        Summary in = best.inSample();
        Summary out = best.outOfSample().get();
        if (in.netPnl().signum() > 0 && out.netPnl().signum() < 0) {
            reasons.add(who + " made " + money(in.netPnl(), in) + " in sample but lost " + money(out.netPnl().negate(), out)
                    + " out of sample");
        }
        long compared = ranked.stream().filter(o -> o.outOfSample().isPresent()).count();
        if (compared >= MIN_COMPARED && best.outOfSampleRank().orElseThrow() == compared) {
            reasons.add(who + " is the last of the top " + compared + " out of sample by " + rankBy.option());
        }
        return new Overfitting(reasons);
    }

    private static String money(BigDecimal amount, Summary summary) {
        return amount.stripTrailingZeros().toPlainString() + " " + summary.marginAsset();
    }
}
