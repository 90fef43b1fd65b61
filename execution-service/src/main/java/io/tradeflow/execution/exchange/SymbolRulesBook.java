package io.tradeflow.execution.exchange;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.execution.exchange.RefreshSummary.MarketRefresh;
import io.tradeflow.execution.exchange.RefreshSummary.Outcome;
import io.tradeflow.execution.exchange.RulesSource.Origin;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The symbol rules in force, per market. Starts from the exchangeInfo snapshots shipped in {@code exchange-info/}
 * (real Binance answers, dated by their {@code serverTime}; see {@code exchange-info/SOURCES.md}), so the service runs
 * where Binance is unreachable; {@link #refresh()} replaces a market's rules with what Binance answers now, and keeps
 * the last good ones (logging why and what to do) when the fetch fails or gives no usable symbol. A market is replaced
 * whole: a symbol Binance no longer lists as trading loses its rules.
 *
 * <p>Thread-safe: readers see one consistent set of rules, swapped atomically by {@link #refresh()}; refreshes do not
 * overlap. The caller schedules {@link #refresh()}: once after start (building the book does not dial Binance) and
 * then every tradeflow.execution.binance.exchange-info-refresh (1 h), on a worker thread since it blocks on HTTP.
 * With tradeflow.execution.binance.exchange-info-fetch=false, build it with no client: the snapshot stays.
 */
public final class SymbolRulesBook {

    private static final Logger LOG = Logger.getLogger(SymbolRulesBook.class);
    /** How many rejected symbols a log line names before it only counts. */
    private static final int NAMED_REJECTS = 20;

    private final ExchangeInfoClient client;
    private final Clock clock;
    private volatile Rules current;

    private record Loaded(RulesSource source, Map<Symbol, SymbolRules> rules) {
    }

    /** Everything readers see, replaced as one value. */
    private record Rules(Map<Market, Loaded> byMarket, Map<Symbol, SymbolRules> bySymbol) {
        static Rules of(Map<Market, Loaded> byMarket) {
            Map<Symbol, SymbolRules> bySymbol = new LinkedHashMap<>();
            for (Market market : Market.values()) {
                Loaded loaded = byMarket.get(market);
                if (loaded != null) {
                    bySymbol.putAll(loaded.rules());
                }
            }
            return new Rules(Map.copyOf(byMarket), Collections.unmodifiableMap(bySymbol));
        }
    }

    private SymbolRulesBook(ExchangeInfoClient client, Clock clock, Map<Market, Loaded> initial) {
        this.client = client;
        this.clock = clock;
        this.current = Rules.of(initial);
    }

    /**
     * A book holding the shipped snapshots of every market.
     *
     * @param client where {@link #refresh()} fetches from; {@code null} to never fetch (refresh reports NOT_FETCHED)
     * @throws IllegalStateException when a snapshot is missing from the classpath or is not an exchangeInfo document:
     *                               the build shipped broken data, which no configuration can fix at run time
     */
    public static SymbolRulesBook fromSnapshot(ExchangeInfoClient client) {
        return fromSnapshot(client, Clock.systemUTC());
    }

    static SymbolRulesBook fromSnapshot(ExchangeInfoClient client, Clock clock) {
        Map<Market, Loaded> initial = new EnumMap<>(Market.class);
        for (Market market : Market.values()) {
            String location = "classpath:" + BinanceExchangeInfo.snapshotResource(market);
            BinanceExchangeInfo info = BinanceExchangeInfo.snapshot(market);
            Loaded loaded = loaded(info, Origin.SNAPSHOT, location, clock);
            LOG.infof("Symbol rules loaded: %s", loaded.source().describe());
            logRejected(info, location);
            initial.put(market, loaded);
        }
        return new SymbolRulesBook(client, clock, initial);
    }

    /** The rules of {@code symbol}, from whichever market lists it; empty for a symbol no market trades. */
    public Optional<SymbolRules> rules(Symbol symbol) {
        return Optional.ofNullable(current.bySymbol().get(symbol));
    }

    /** Every symbol with rules, USD-M first. */
    public Map<Symbol, SymbolRules> all() {
        return current.bySymbol();
    }

    /** Where the rules of {@code market} come from now. */
    public RulesSource source(Market market) {
        return current.byMarket().get(market).source();
    }

    /**
     * Fetches every market's rules from Binance and swaps in those that arrived; a market whose fetch fails or holds
     * no usable symbol keeps its rules, and the failure is logged with what to do. Never throws for a Binance problem.
     * If the calling thread is interrupted, the remaining markets are kept and the interrupt flag stays set.
     */
    public synchronized RefreshSummary refresh() {
        List<MarketRefresh> refreshes = new ArrayList<>();
        Map<Market, Loaded> next = new EnumMap<>(current.byMarket());
        for (Market market : Market.values()) {
            Loaded kept = next.get(market);
            if (client == null) {
                refreshes.add(new MarketRefresh(market, Outcome.NOT_FETCHED, kept.source(), ""));
                continue;
            }
            String problem = "";
            if (Thread.currentThread().isInterrupted()) {
                problem = "not fetched: the refreshing thread was interrupted";
            } else {
                try {
                    BinanceExchangeInfo info = client.fetch(market);
                    logRejected(info, client.uri(market).toString());
                    if (info.rules().isEmpty()) {
                        problem = client.uri(market) + " answered with no usable symbol (" + info.notTrading().size()
                                + " not trading, " + info.rejected().size() + " rejected); check that the URL serves "
                                + market + " futures";
                    } else {
                        Loaded fresh = loaded(info, Origin.EXCHANGE, client.uri(market).toString(), clock);
                        next.put(market, fresh);
                        refreshes.add(new MarketRefresh(market, Outcome.UPDATED, fresh.source(), ""));
                        LOG.infof("Symbol rules refreshed: %s; %d not trading, %d rejected", fresh.source().describe(),
                                info.notTrading().size(), info.rejected().size());
                        continue;
                    }
                } catch (ExchangeInfoException e) {
                    problem = e.getMessage() + "; " + e.advice();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problem = "not fetched: the refreshing thread was interrupted";
                }
            }
            LOG.warnf("Symbol rules of %s not refreshed: %s. Keeping %s", market, problem, kept.source().describe());
            refreshes.add(new MarketRefresh(market, Outcome.KEPT, kept.source(), problem));
        }
        current = Rules.of(next);
        return new RefreshSummary(clock.instant(), refreshes);
    }

    private static Loaded loaded(BinanceExchangeInfo info, Origin origin, String location, Clock clock) {
        RulesSource source = new RulesSource(info.market(), origin, location, info.serverTime(), clock.instant(),
                info.rules().size());
        return new Loaded(source, info.rules());
    }

    private static void logRejected(BinanceExchangeInfo info, String location) {
        if (info.rejected().isEmpty()) {
            return;
        }
        List<String> named = info.rejected().subList(0, Math.min(NAMED_REJECTS, info.rejected().size()));
        LOG.warnf("%d %s symbols of %s have no rules (orders for them are refused as unknown symbols): %s%s",
                info.rejected().size(), info.market(), location, String.join("; ", named),
                info.rejected().size() > named.size() ? "; ..." : "");
    }
}
