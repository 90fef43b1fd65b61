package io.tradeflow.backtest;

import io.tradeflow.backtest.exchange.ExchangeInfoFile;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.order.SymbolRules;

import java.math.BigDecimal;
import java.util.Map;

/** The bots and rules of the engine's tests. */
final class TestBots {
    static final Symbol BTCUSDT = Symbol.of("BTCUSDT");
    /** Small SMA periods, so that the recorded day trades often: the pipeline tests' bot (PaperPipeline). */
    static final Map<String, String> SMA_PARAMS = Map.of("fast", "5", "slow", "20", "confirmationCandles", "1",
            "minSignalIntervalMinutes", "15", "pivotLookback", "10");
    static final Map<String, String> RSI_PARAMS = Map.of("allowShort", "true", "minSignalIntervalMinutes", "15");
    /** The pipeline's risk (the golden definition's): 100 USDT margin at 10x, one position. */
    static final RiskSpec RISK = new RiskSpec(new BigDecimal("100"), 10, MarginType.ISOLATED, 1);

    private TestBots() {
    }

    static BotDefinition bot(String id, Symbol symbol, String strategy, Map<String, String> params) {
        return new BotDefinition(id, id, Market.USD_M, symbol, Interval.ONE_MINUTE, new StrategySpec(strategy, params),
                RISK, Venue.PAPER, BotStatus.RUNNING, false, 1, 1);
    }

    /** BTCUSDT's built-in rules under {@code symbol} (the recorded day is BTCUSDT's, under any name). */
    static SymbolRules rulesAs(Symbol symbol) {
        SymbolRules r = ExchangeInfoFile.builtIn().rules().get(BTCUSDT);
        return new SymbolRules(symbol, r.market(), r.baseAsset(), r.quoteAsset(), r.marginAsset(), r.tickSize(),
                r.minPrice(), r.maxPrice(), r.stepSize(), r.minQuantity(), r.maxQuantity(), r.marketStepSize(),
                r.marketMinQuantity(), r.marketMaxQuantity(), r.minNotional(), r.contractSize());
    }
}
