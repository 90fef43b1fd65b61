package io.tradeflow.benchmarks.execution;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's paper bots: per symbol the first {@code n} of four strategy variants, each {@code RUNNING} on the
 * {@code PAPER} venue, one-minute klines, margin 100 USDT x 10, one position at a time. Short periods, so that the
 * recorded klines give many signals (one every 20 to 40 klines per bot), entries both ways and reversals.
 * Deterministic: the setup that puts them on {@code bots.v1} and the run that computes the expected orders build
 * the same bots.
 */
final class BenchmarkBots {
    static final int VARIANTS = 4;

    private static final Map<String, String> SPACING = Map.of("confirmationCandles", "1",
            "minSignalIntervalMinutes", "15", "pivotLookback", "10");
    private static final List<StrategySpec> STRATEGIES = List.of(
            sma("5", "20"),
            sma("8", "30"),
            new StrategySpec("rsi-reversion", Map.of("allowShort", "true", "minSignalIntervalMinutes", "15")),
            sma("3", "12"));
    private static final RiskSpec RISK = new RiskSpec(new BigDecimal("100.00"), 10, MarginType.ISOLATED, 1);

    private BenchmarkBots() {
    }

    /** The bots of {@code symbol}, ids {@code bench-<symbol>-<n>}; {@code at} is their eventTime and producedAt. */
    static List<BotDefinition> of(Symbol symbol, int perSymbol, long at) {
        if (perSymbol < 1 || perSymbol > VARIANTS) {
            throw new IllegalArgumentException("bots per symbol must be 1 to " + VARIANTS + ", was " + perSymbol);
        }
        List<BotDefinition> bots = new ArrayList<>(perSymbol);
        for (int i = 0; i < perSymbol; i++) {
            String botId = "bench-" + symbol.value().toLowerCase(Locale.ROOT) + "-" + (i + 1);
            StrategySpec strategy = STRATEGIES.get(i);
            bots.add(new BotDefinition(botId, botId + " " + strategy.type(), Market.USD_M, symbol, Interval.ONE_MINUTE,
                    strategy, RISK, Venue.PAPER, BotStatus.RUNNING, false, at, at));
        }
        return bots;
    }

    private static StrategySpec sma(String fast, String slow) {
        Map<String, String> params = new HashMap<>(SPACING);
        params.put("fast", fast);
        params.put("slow", slow);
        return new StrategySpec("sma-crossover", Map.copyOf(params));
    }
}
