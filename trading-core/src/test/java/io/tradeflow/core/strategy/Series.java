package io.tradeflow.core.strategy;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Crafted snapshots of BTCUSDT 1m klines, and a strategy run over them with its state threaded through. */
final class Series {

    static final Symbol SYMBOL = Symbol.of("BTCUSDT");
    static final Interval INTERVAL = Interval.ONE_MINUTE;
    /** 2023-11-15T00:00Z: an arbitrary minute. */
    static final long START = 1_700_006_400_000L;

    private Series() {
    }

    static long openTime(int kline) {
        return START + kline * 60_000L;
    }

    /** Kline number {@code kline} closing at {@code close}, with indicator values given as name, value, name, ... */
    static IndicatorsComputed snapshot(int kline, String close, String... namesAndValues) {
        Map<String, BigDecimal> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                values.put(namesAndValues[i], new BigDecimal(namesAndValues[i + 1]));
            }
        }
        BigDecimal price = new BigDecimal(close);
        long open = openTime(kline);
        return new IndicatorsComputed(SYMBOL, INTERVAL, open, INTERVAL.closeTimeOf(open), price, price, price, price,
                BigDecimal.ONE, values, true, INTERVAL.closeTimeOf(open), INTERVAL.closeTimeOf(open) + 5);
    }

    static BotDefinition bot(String type, Map<String, String> params) {
        return new BotDefinition("bot-1", "test bot", Market.USD_M, SYMBOL, INTERVAL, new StrategySpec(type, params),
                new RiskSpec(new BigDecimal("100"), 5, MarginType.ISOLATED, 1), Venue.PAPER, BotStatus.RUNNING,
                false, START, START);
    }

    /** A strategy with parsed parameters, evaluated kline by kline. */
    static final class Run {

        final Strategy strategy;
        final Parameters params;
        final Strategy.Rule rule;
        StrategyState state;
        final List<Decision> decisions = new ArrayList<>();

        Run(Strategy strategy, Map<String, String> params) {
            this.strategy = strategy;
            this.params = Strategies.parse(strategy, params);
            this.rule = strategy.rule(this.params);
            this.state = strategy.initialState();
        }

        Decision next(IndicatorsComputed snapshot) {
            Evaluation evaluation = rule.evaluate(snapshot, state);
            state = evaluation.state();
            decisions.add(evaluation.decision());
            return evaluation.decision();
        }
    }
}
