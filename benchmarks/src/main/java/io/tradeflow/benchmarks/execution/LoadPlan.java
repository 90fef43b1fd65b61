package io.tradeflow.benchmarks.execution;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.execution.PaperReplay;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run's input and the orders it must give: per symbol its klines and its bots' signals (trading-core's indicator
 * series and strategies, as indicator-service and signal-service compute them), in sending order, and the order
 * events trading-core's in-process run ({@link PaperReplay}: the same {@code Trader} and {@code PaperVenue}) gives for
 * them with execution-service's default paper settings and risk limits.
 *
 * @param ticks    one kline of one symbol with that kline's signals (sorted by bot id), round robin over the
 *                 symbols: every symbol's first kline, then every symbol's second, ...
 * @param expected the order events execution-service must publish for this run, in no particular order
 */
public record LoadPlan(List<Symbol> symbols, List<BotDefinition> bots, List<Tick> ticks, List<OrderUpdated> expected) {

    /** indicator-service's default indicators ({@code tradeflow.indicator.defaults}): every snapshot carries them. */
    static final List<String> DEFAULT_INDICATORS = List.of("sma(21)", "sma(200)", "rsi(14)");
    /** Each symbol starts this many rows (one recorded day) after the previous one's first row. */
    public static final int ROWS_APART = 1440;

    /** A kline and the signals computed at its close. */
    record Tick(KlineClosed kline, List<SignalGenerated> signals) {
    }

    /** Builds the plan: {@code rows} klines per symbol, the symbol with index i starting at row i x 1440. */
    public static LoadPlan of(RecordedKlines recorded, List<Symbol> symbols, int botsPerSymbol, int rows) {
        List<BotDefinition> allBots = new ArrayList<>();
        List<List<Tick>> perSymbol = new ArrayList<>();
        List<OrderUpdated> expected = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            List<BotDefinition> bots = BenchmarkBots.of(symbols.get(i), botsPerSymbol, 1);
            List<KlineClosed> klines = recorded.klines(symbols.get(i), i * ROWS_APART, rows);
            List<SignalGenerated> signals = new ArrayList<>();
            bots.forEach(bot -> signals.addAll(PaperReplay.signals(bot, klines, DEFAULT_INDICATORS)));
            expected.addAll(PaperReplay.orders(bots, klines, signals, BenchmarkSymbolRules.lookup(),
                    PaperSettings.DEFAULTS, RiskLimits.DEFAULTS));
            Map<Long, List<SignalGenerated>> byKline = signals.stream().collect(Collectors.groupingBy(
                    SignalGenerated::klineOpenTime));
            perSymbol.add(klines.stream().map(k -> new Tick(k, byKline.getOrDefault(k.openTime(), List.of()).stream()
                    .sorted(Comparator.comparing(SignalGenerated::botId)).toList())).toList());
            allBots.addAll(bots);
        }
        List<Tick> ticks = new ArrayList<>(rows * symbols.size());
        for (int k = 0; k < rows; k++) {
            for (List<Tick> symbolTicks : perSymbol) {
                ticks.add(symbolTicks.get(k));
            }
        }
        return new LoadPlan(List.copyOf(symbols), List.copyOf(allBots), List.copyOf(ticks), List.copyOf(expected));
    }

    int signals() {
        return ticks.stream().mapToInt(t -> t.signals().size()).sum();
    }
}
