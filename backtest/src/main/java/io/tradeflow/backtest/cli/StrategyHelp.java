package io.tradeflow.backtest.cli;

import io.tradeflow.core.strategy.Parameter;
import io.tradeflow.core.strategy.Strategies;
import io.tradeflow.core.strategy.Strategy;

import java.util.Locale;
import java.util.stream.Collectors;

/** The strategies and their parameters as text, for the messages that refuse one (trading-core's own list). */
final class StrategyHelp {
    private StrategyHelp() {
    }

    /** {@code sma-crossover, rsi-reversion} */
    static String types() {
        return Strategies.all().stream().map(Strategy::type).collect(Collectors.joining(", "));
    }

    /** One line per parameter of {@code type}: name, type and range, default, what it does. */
    static String parameters(String type) {
        Strategy strategy = Strategies.find(type);
        return "Parameters of " + type + " (--param NAME=VALUE; docs/strategies.md has the rules):\n"
                + strategy.parameters().stream().map(StrategyHelp::line).collect(Collectors.joining("\n"));
    }

    private static String line(Parameter p) {
        String range = p.type() == Parameter.Type.BOOLEAN ? "true or false"
                : p.type().name().toLowerCase(Locale.ROOT) + (p.min() == null ? "" : " " + p.min().toPlainString())
                + (p.max() == null ? "" : " to " + p.max().toPlainString());
        return String.format(Locale.ROOT, "  %-26s %s, default %s: %s", p.name(), range, p.defaultValue(),
                p.description());
    }
}
