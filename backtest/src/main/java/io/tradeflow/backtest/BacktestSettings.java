package io.tradeflow.backtest;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.order.SymbolRules;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a backtest trades, besides the bots themselves: the paper venue's fills, the pre-trade limits across bots, the
 * symbols' exchange rules, and the indicators every series computes. Immutable, so one instance serves many runs at
 * once (a parameter sweep).
 *
 * @param paper             fees ({@code takerFeeBps}), slippage and the starting balance of each bot's paper wallet
 * @param limits            execution-service's pre-trade limits (daily loss, drawdown, open positions and notional)
 * @param rules             the exchange rules of every symbol a bot trades (tick, lot, minimum notional): entries are
 *                          sized and rounded to them as execution-service does; a bot without rules is denied every
 *                          entry
 * @param defaultIndicators indicators every (symbol, interval) series computes besides the strategies' own, as
 *                          indicator-service's {@code tradeflow.indicator.defaults} (the strategies read only their
 *                          own; kept equal so that the snapshots are the services')
 */
public record BacktestSettings(PaperSettings paper, RiskLimits limits, Map<Symbol, SymbolRules> rules,
                               List<String> defaultIndicators) {

    /** indicator-service's default {@code tradeflow.indicator.defaults}. */
    public static final List<String> SERVICE_DEFAULT_INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)");

    public BacktestSettings {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(limits, "limits");
        rules = Map.copyOf(rules);
        defaultIndicators = List.copyOf(defaultIndicators);
        rules.forEach((symbol, r) -> {
            if (!symbol.equals(r.symbol())) {
                throw new IllegalArgumentException("rules of " + r.symbol() + " given for " + symbol);
            }
        });
    }

    /** These venue settings and rules, with execution-service's default limits and indicator-service's defaults. */
    public static BacktestSettings of(PaperSettings paper, Map<Symbol, SymbolRules> rules) {
        return new BacktestSettings(paper, RiskLimits.DEFAULTS, rules, SERVICE_DEFAULT_INDICATORS);
    }

    /** The rules of {@code symbol}, as the Trader and the paper venue look them up. */
    public Optional<SymbolRules> rulesOf(Symbol symbol) {
        return Optional.ofNullable(rules.get(symbol));
    }
}
