package io.tradeflow.execution.exchange;

import io.tradeflow.core.domain.Market;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one {@link SymbolRulesBook#refresh()} did, market by market.
 *
 * @param at      when the refresh ran
 * @param markets one entry per market, USD-M first
 */
public record RefreshSummary(Instant at, List<MarketRefresh> markets) {

    public RefreshSummary {
        Objects.requireNonNull(at, "at");
        markets = List.copyOf(markets);
    }

    public enum Outcome {
        /** Fresh rules from Binance replaced the previous ones. */
        UPDATED,
        /** The fetch failed or gave no usable symbol: the previous rules stay (see {@code problem}). */
        KEPT,
        /** Fetching is switched off: the snapshot stays. */
        NOT_FETCHED
    }

    /**
     * @param rules   the rules in use after the refresh
     * @param problem for {@link Outcome#KEPT}: what failed and what to do about it; empty otherwise
     */
    public record MarketRefresh(Market market, Outcome outcome, RulesSource rules, String problem) {
        public MarketRefresh {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** True when every market got fresh rules. */
    public boolean updatedAll() {
        return markets.stream().allMatch(refresh -> refresh.outcome() == Outcome.UPDATED);
    }

    /** The entry of {@code market}. */
    public MarketRefresh of(Market market) {
        return markets.stream().filter(refresh -> refresh.market() == market).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no refresh of " + market));
    }

    /** One line per market, for logs and for whoever calls refresh(). */
    @Override
    public String toString() {
        return markets.stream().map(refresh -> refresh.market() + " " + refresh.outcome().name().toLowerCase() + ": "
                        + refresh.rules().describe() + (refresh.problem().isEmpty() ? "" : "; " + refresh.problem()))
                .collect(Collectors.joining("\n"));
    }
}
