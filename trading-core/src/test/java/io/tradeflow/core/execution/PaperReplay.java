package io.tradeflow.core.execution;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.core.strategy.BotStrategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The in-process run the services are compared with: trading-core's indicator series and strategy give a bot's
 * signals over recorded klines, and the {@link Trader} with a {@link PaperVenue} turns them into orders, in market
 * time (each kline's stop checks, then the signals of its close). Shipped in the test-jar for the services' tests.
 */
public final class PaperReplay {
    private PaperReplay() {
    }

    /** The bot's signals over {@code klines}, as signal-service publishes them (indicator-service's defaults plus the strategy's). */
    public static List<SignalGenerated> signals(BotDefinition bot, List<KlineClosed> klines, List<String> defaultIndicators) {
        BotStrategy strategy = BotStrategy.of(bot);
        IndicatorSeries series = new IndicatorSeries(bot.symbol(), bot.interval());
        series.require(defaultIndicators);
        series.require(strategy.indicators());
        List<SignalGenerated> signals = new ArrayList<>();
        for (KlineClosed kline : klines) {
            IndicatorsComputed snapshot = series.apply(kline, 1).snapshot().orElseThrow();
            strategy.onSnapshot(snapshot, 1).signal().ifPresent(signals::add);
        }
        return signals;
    }

    /**
     * The order events of the signals over the klines, every signal received when it was produced (never stale),
     * with {@code producedAt} 1 so that runs compare equal.
     */
    public static List<OrderUpdated> orders(List<BotDefinition> bots, List<KlineClosed> klines,
                                            List<SignalGenerated> signals, Function<Symbol, Optional<SymbolRules>> rules,
                                            PaperSettings settings, RiskLimits limits) {
        PaperVenue paper = new PaperVenue(settings, rules, () -> 1L);
        Trader trader = new Trader(venue -> venue == Venue.PAPER ? Optional.of(paper) : Optional.empty(), rules, limits,
                paper, () -> 1L);
        Map<String, BotDefinition> byId = bots.stream().collect(Collectors.toMap(BotDefinition::botId, b -> b));
        Map<Long, List<SignalGenerated>> byKline = signals.stream().collect(Collectors.groupingBy(
                SignalGenerated::klineOpenTime));
        List<OrderUpdated> orders = new ArrayList<>();
        for (KlineClosed kline : klines) {
            orders.addAll(paper.onKline(kline));
            byKline.getOrDefault(kline.openTime(), List.of()).stream()
                    .filter(s -> s.symbol().equals(kline.symbol()) && s.interval() == kline.interval())
                    .sorted(Comparator.comparing(SignalGenerated::botId))
                    .forEach(s -> orders.addAll(trader.onSignal(s, byId.get(s.botId()), s.producedAt()).orders()));
        }
        return orders;
    }

    /** An order event without the moment it was published, for comparing runs. */
    public static OrderUpdated comparable(OrderUpdated o) {
        return new OrderUpdated(o.clientOrderId(), o.exchangeOrderId(), o.botId(), o.signalId(), o.symbol(), o.venue(),
                o.role(), o.side(), o.type(), o.status(), o.quantity(), o.price(), o.triggerPrice(), o.filledQuantity(),
                o.averagePrice(), o.lastFillQuantity(), o.lastFillPrice(), o.fee(), o.feeAsset(), o.reduceOnly(),
                o.rejectReason(), o.tradeId(), o.realizedPnl(), o.denyReason(), o.market(), o.marginAsset(),
                o.contractSize(), o.closeReason(), o.eventTime(), 1);
    }
}
