package io.tradeflow.execution.config;

import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.execution.Exposure;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/**
 * What all bots hold on every venue (the paper venue and each Binance account), summed, for the Trader's limits
 * across bots: max open positions in total, max notional per symbol and in total.
 */
final class AllExposure implements Exposure {
    private final Supplier<List<Exposure>> venues;

    AllExposure(Supplier<List<Exposure>> venues) {
        this.venues = venues;
    }

    @Override
    public int openPositions() {
        return venues.get().stream().mapToInt(Exposure::openPositions).sum();
    }

    @Override
    public BigDecimal openNotional(Symbol symbol) {
        return venues.get().stream().map(v -> v.openNotional(symbol)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public BigDecimal openNotional() {
        return venues.get().stream().map(Exposure::openNotional).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
