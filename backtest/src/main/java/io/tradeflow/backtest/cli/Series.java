package io.tradeflow.backtest.cli;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.klinefiles.KlineFile;

/** A (symbol, interval): what a bot trades and a kline file holds. */
record Series(Symbol symbol, Interval interval) {

    static Series of(BotDefinition bot) {
        return new Series(bot.symbol(), bot.interval());
    }

    static Series of(KlineFile file) {
        return new Series(file.symbol(), file.interval());
    }

    @Override
    public String toString() {
        return symbol.value() + " " + interval.code();
    }
}
