package io.tradeflow.execution.config;

import io.agroal.api.AgroalDataSource;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.execution.Exposure;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.PaperVenue;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.core.execution.TradingVenue;
import io.tradeflow.execution.binance.BinanceVenues;
import io.tradeflow.execution.binance.PlacementClaims;
import io.tradeflow.execution.domain.BotRegistry;
import io.tradeflow.execution.domain.ExecutionEngine;
import io.tradeflow.execution.messaging.Durable;
import io.tradeflow.execution.persistence.ExecutionStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the plain-Java domain objects once, so the domain stays testable without Quarkus. */
public class DomainBeans {

    @Produces
    @Singleton
    BotRegistry botRegistry() {
        return new BotRegistry();
    }

    @Produces
    @Singleton
    ExecutionStore executionStore(AgroalDataSource dataSource) {
        return new ExecutionStore(dataSource);
    }

    @Produces
    @Singleton
    PaperVenue paperVenue(ExecutionConfig config, SymbolRulesLookup rules) {
        ExecutionConfig.Paper paper = config.paper();
        return new PaperVenue(new PaperSettings(paper.slippageBps(), paper.takerFeeBps(), paper.startingBalance(),
                paper.coinMStartingBalance()), rules, System::currentTimeMillis);
    }

    @Produces
    @Singleton
    Trader trader(ExecutionConfig config, SymbolRulesLookup rules, PaperVenue paper, BinanceVenues binance) {
        ExecutionConfig.Risk risk = config.risk();
        RiskLimits limits = new RiskLimits(risk.maxOpenPositions(), risk.maxNotionalPerSymbol(),
                risk.maxNotionalTotal(), risk.dailyLossPercent(), risk.maxDrawdownPercent(), risk.maxSignalDelay());
        // TESTNET and LIVE bots trade on their Binance account while it is configured and usable; else their entries
        // are denied (venue-unavailable). The limits across bots count every venue's positions.
        AllExposure exposure = new AllExposure(() -> {
            List<Exposure> all = new ArrayList<>(binance.exposures());
            all.add(paper);
            return all;
        });
        return new Trader(venue -> venue == Venue.PAPER ? Optional.<TradingVenue>of(paper) : binance.venue(venue),
                rules, limits, exposure, System::currentTimeMillis);
    }

    /** Placements claimed in PostgreSQL before they are sent (retried until it answers, as every write here). */
    @Produces
    @Singleton
    PlacementClaims placementClaims(Durable durable) {
        return durable::claimPlacement;
    }

    @Produces
    @Singleton
    ExecutionEngine executionEngine(Trader trader, PaperVenue paper, BotRegistry bots) {
        return new ExecutionEngine(trader, paper, bots);
    }
}
