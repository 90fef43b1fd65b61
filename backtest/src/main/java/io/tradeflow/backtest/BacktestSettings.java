package io.tradeflow.backtest;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.order.SymbolRules;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a backtest trades, besides the bots themselves: the paper venue's fills, the pre-trade limits across bots, the
 * symbols' exchange rules. Immutable, so one instance serves many runs at
 * once (a parameter sweep).
 *
 * @param paper             fees ({@code takerFeeBps}), slippage and the starting balance of each bot's paper wallet
 * @param limits            execution-service's pre-trade limits (daily loss, drawdown, open positions and notional)
 * @param rules             the exchange rules of every symbol a bot trades (tick, lot, minimum notional): entries are
 *                          sized and rounded to them as execution-service does; a bot without rules is denied every
 *                          entry
 */
public record BacktestSettings(PaperSettings paper, RiskLimits limits, Map<Symbol, SymbolRules> rules) {

    public BacktestSettings {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(limits, "limits");
        rules = Map.copyOf(rules);
        rules.forEach((symbol, r) -> {
            if (!symbol.equals(r.symbol())) {
                throw new IllegalArgumentException("rules of " + r.symbol() + " given for " + symbol);
            }
        });
    }

    /** These venue settings and rules, with execution-service's default limits. */
    public static BacktestSettings of(PaperSettings paper, Map<Symbol, SymbolRules> rules) {
        return new BacktestSettings(paper, RiskLimits.DEFAULTS, rules);
    }

    /** The rules of {@code symbol}, as the Trader and the paper venue look them up. */
    public Optional<SymbolRules> rulesOf(Symbol symbol) {
        return Optional.ofNullable(rules.get(symbol));
    }
}
