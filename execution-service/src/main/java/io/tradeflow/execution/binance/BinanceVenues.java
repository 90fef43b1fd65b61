package io.tradeflow.execution.binance;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.Exposure;
import io.tradeflow.core.execution.TradingVenue;
import io.tradeflow.execution.config.SymbolRulesLookup;
import io.tradeflow.execution.domain.BotRegistry;
import io.tradeflow.execution.messaging.BotFollower;
import io.tradeflow.execution.persistence.ExecutionStore;
import io.tradeflow.execution.persistence.StoreException;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Binance accounts of {@link BinanceAccounts} that have an API key, each as a {@link BinanceVenue} with its user
 * data stream (and, with {@code coin-m} on, COIN-M's REST client and user stream beside USD-M's): TESTNET bots trade
 * on the testnet account, LIVE bots on the live one. An account is usable once its
 * key signs, it is in one-way position mode (hedge mode is refused: Tradeflow places one-way orders, {@code
 * positionSide=BOTH} with {@code reduceOnly}) and its stream is open; until then its bots' entries are denied
 * ({@code venue-unavailable}) and readiness says why. An account without a key is simply not there.
 */
@ApplicationScoped
public class BinanceVenues {
    private static final Logger LOG = Logger.getLogger(BinanceVenues.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    /** One market of an account (USD-M; COIN-M when {@code coin-m} is on): its REST client and user stream. */
    private static final class Link {
        final FuturesApi api;
        final String name;
        final BinanceRest rest;
        UserStream stream;
        /** Null once the market is usable: its stream open, the account in one-way mode there. */
        volatile String problem = "starting";
        volatile boolean hedge;

        Link(FuturesApi api, String name, BinanceRest rest) {
            this.api = api;
            this.name = name;
            this.rest = rest;
        }
    }

    /** One configured account. {@link #problem()} is null once it is usable. */
    private static final class Account {
        final String name;
        final BinanceVenue venue;
        final List<Link> links;
        final Venue kind;
        /** What keeps the account from taking up its open orders, once its markets are usable; null after. */
        volatile String restoreProblem = "starting";
        /** The orders left open by the previous run have been taken up ({@link BinanceVenue#restore}). */
        volatile boolean restored;
        volatile Reconciled reconciled;

        Account(Venue kind, String name, BinanceVenue venue, List<Link> links) {
            this.kind = kind;
            this.name = name;
            this.venue = venue;
            this.links = links;
        }

        String problem() {
            return links.stream().filter(l -> l.problem != null).findFirst()
                    .map(l -> (links.size() > 1 ? l.api + ": " : "") + l.problem).orElse(restoreProblem);
        }

        boolean hedge() {
            return links.stream().anyMatch(l -> l.hedge);
        }
    }

    private final BinanceAccounts config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final PlacementClaims claims;
    private final ExecutionStore store;
    private final BotFollower follower;
    private final BotRegistry bots;
    private final SymbolRulesLookup rules;
    private final Map<Venue, Account> accounts = new EnumMap<>(Venue.class);

    public BinanceVenues(BinanceAccounts config, Vertx vertx, MeterRegistry registry, PlacementClaims claims,
                         ExecutionStore store, BotFollower follower, BotRegistry bots, SymbolRulesLookup rules) {
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
        this.claims = claims;
        this.store = store;
        this.follower = follower;
        this.bots = bots;
        this.rules = rules;
    }

    /** Before BotFollower (priority 10) resumes the inputs: the first step must find the accounts to wait for. */
    void start(@Observes @Priority(5) StartupEvent started) {
        open(Venue.TESTNET, "testnet", config.testnet());
        open(Venue.LIVE, "live", config.live());
        if (accounts.isEmpty()) {
            LOG.info("No Binance account configured (tradeflow.execution.binance-accounts.{testnet,live}.api-key):"
                    + " TESTNET and LIVE bots' entries are denied (venue-unavailable); PAPER bots trade as usual");
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        accounts.values().forEach(account -> account.links.forEach(link -> {
            link.stream.close();
            link.rest.close();
        }));
    }

    /**
     * The venue of TESTNET or LIVE bots, once its account is configured, in one-way mode and has taken up the previous
     * run's open orders. While its user stream is down it stays available for exits and cancels; entries are then
     * refused by the venue itself.
     */
    public Optional<TradingVenue> venue(Venue venue) {
        Account account = accounts.get(venue);
        return account == null || !account.restored || account.hedge() ? Optional.empty() : Optional.of(account.venue);
    }

    /**
     * Waits (at most {@code wait}) until every configured account has taken up the orders its previous run left
     * open, or cannot (hedge mode): the input consumer starts no step before, so a step run again after a crash finds
     * its orders instead of being denied.
     */
    public void awaitTakenUp(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!accounts.values().stream().allMatch(a -> a.restored || a.hedge()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        accounts.values().stream().filter(a -> !a.restored && !a.hedge()).forEach(a -> LOG.errorf("Binance %s account"
                + " has not taken up its open orders within %d s (%s); steps go on, its bots' orders are denied until it"
                + " has", a.name, wait.toSeconds(), a.problem()));
    }

    /** What the bots hold on every configured account, for the Trader's limits across bots (with the paper venue's). */
    public List<Exposure> exposures() {
        return accounts.values().stream().map(a -> (Exposure) a.venue).toList();
    }

    /** The order events the accounts reported outside a step, oldest first per account. */
    public List<OrderUpdated> drainEvents() {
        List<OrderUpdated> events = new ArrayList<>();
        accounts.values().forEach(account -> events.addAll(account.venue.drainEvents()));
        return events;
    }

    /** The last reconciliation of each account: when (epoch ms) and what differed (empty when nothing did). */
    public record Reconciled(long at, List<Difference> differences) {
    }

    /** The last reconciliation of each ready account, by account name. */
    public Map<String, Reconciled> reconciliations() {
        Map<String, Reconciled> all = new LinkedHashMap<>();
        accounts.values().stream().filter(a -> a.reconciled != null).forEach(a -> all.put(a.name, a.reconciled));
        return all;
    }

    /**
     * Compares each ready account with what the platform placed and booked (at start, then every
     * {@code reconcile-interval}); each difference is logged, counted
     * ({@code tradeflow_binance_reconciliation_differences_total{account,kind}}) and kept for
     * {@code GET /api/v1/reconciliation}.
     */
    @Scheduled(every = "${tradeflow.execution.binance-accounts.reconcile-interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        accounts.values().stream().filter(a -> a.problem() == null).forEach(this::reconcile);
    }

    private void reconcile(Account account) {
        try {
            List<Difference> differences = new ArrayList<>();
            for (Link link : account.links) {
                differences.addAll(account.venue.reconcile(new BinanceOrders(link.rest,
                        BinanceOrders.Conditions.DEFAULT, RETRY).accountState()));
            }
            account.reconciled = new Reconciled(System.currentTimeMillis(), differences);
            for (Difference d : differences) {
                LOG.warnf("Binance %s reconciliation: %s %s%s: %s", account.name, d.kind(), d.symbol(),
                        d.clientId() == null ? "" : " " + d.clientId(), d.detail());
                registry.counter("tradeflow.binance.reconciliation.differences", "account", account.name, "kind",
                        d.kind()).increment();
            }
        } catch (BinanceException e) {
            LOG.warnf("Binance %s reconciliation not done (%s); next time", account.name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each configured account and what keeps it from trading ("ok" when nothing does), for readiness. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        accounts.values().forEach(a -> status.put(a.name, a.problem() == null ? "ok" : a.problem()));
        return status;
    }

    /**
     * Accounts not usable yet are checked again every second: the position mode, and, once bots.v1 is read, the
     * orders the previous run left open taken up and what happened to them meanwhile recovered.
     */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheck() {
        accounts.values().stream().filter(a -> a.problem() != null && a.links.stream().allMatch(l -> l.stream.connected()))
                .forEach(this::check);
    }

    private void open(Venue venue, String name, BinanceAccounts.Account account) {
        if (account.apiKey().isEmpty()) {
            return;
        }
        if (RequestSigner.of(account).isEmpty()) {
            LOG.errorf("Binance %s account has an API key but neither secret-key nor private-key-file: its bots cannot"
                    + " trade; set TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_%s_SECRET_KEY (or _PRIVATE_KEY_FILE)", name,
                    name.toUpperCase());
            return;
        }
        List<Link> links = new ArrayList<>();
        for (FuturesApi api : config.coinM() ? List.of(FuturesApi.USD_M, FuturesApi.COIN_M) : List.of(FuturesApi.USD_M)) {
            String linkName = api == FuturesApi.COIN_M ? name + "-coin-m" : name;
            links.add(new Link(api, linkName, BinanceRest.create(name, account, api, config.rateLimitShare(), registry)));
        }
        BinanceOrders.Conditions conditions = new BinanceOrders.Conditions(config.workingType(), config.priceProtect());
        BinanceVenue binanceVenue = new BinanceVenue(venue, links.stream()
                .map(link -> new BinanceOrders(link.rest, conditions, Duration.ofMillis(250))).toList(), claims,
                config.fillWait(), System::currentTimeMillis);
        Account opened = new Account(venue, name, binanceVenue, links);
        for (Link link : links) {
            link.stream = stream(opened, link, URI.create(link.api == FuturesApi.COIN_M ? account.coinMUserStreamUrl()
                    : account.userStreamUrl()));
        }
        accounts.put(venue, opened);
        Gauge.builder("tradeflow.binance.tracked.orders", binanceVenue, BinanceVenue::trackedOrders)
                .description("orders the venue tracks: working ones and those ended in the last hours")
                .tag("account", name).register(registry);
        links.forEach(link -> link.stream.start());
        LOG.infof("Binance %s account: %s, user data stream %s%s", name, account.restUrl(), account.userStreamUrl(),
                config.coinM() ? "; COIN-M " + account.coinMRestUrl() + ", " + account.coinMUserStreamUrl() : "");
    }

    /** The user stream of one market of the account, and its meters (tag {@code account}: the link's name). */
    private UserStream stream(Account account, Link link, URI url) {
        Market market = link.api.market();
        UserStream stream = new UserStream(link.name, link.rest, url, vertx,
                new UserStream.Timing(config.keepAlive(), config.streamSilenceLimit(), RETRY), new UserStream.Listener() {
                    @Override
                    public void event(UserEvent event) {
                        account.venue.onEvent(event);
                    }

                    @Override
                    public void connected(boolean afterGap) {
                        account.venue.streamUp(market, true);
                        check(account);
                        if (afterGap && account.restored) {
                            account.venue.recover();
                        }
                    }

                    @Override
                    public void disconnected(String why) {
                        account.venue.streamUp(market, false);
                        link.problem = "user data stream down (" + why + "): no entries until it is back";
                    }
                });
        FunctionCounter.builder("tradeflow.binance.user.stream.reconnects", stream, UserStream::reconnects)
                .tag("account", link.name).register(registry);
        FunctionCounter.builder("tradeflow.binance.user.stream.silent", stream, UserStream::silentSockets)
                .description("sockets replaced because neither an event nor a pong came for the silence limit")
                .tag("account", link.name).register(registry);
        Gauge.builder("tradeflow.binance.user.stream.connected", stream, s -> s.connected() ? 1 : 0)
                .tag("account", link.name).register(registry);
        return stream;
    }

    /**
     * Usable when the account is in one-way mode (one signed request: the key works too) and the previous run's open
     * orders are taken up. One check of an account at a time (its streams' threads and the scheduler may all call
     * it); another account's events do not wait for it.
     */
    private void check(Account account) {
        synchronized (account) {
            checkLocked(account);
        }
    }

    private void checkLocked(Account account) {
        for (Link link : account.links) {
            if (!link.stream.connected()) {
                continue;
            }
            try {
                link.hedge = new BinanceOrders(link.rest, BinanceOrders.Conditions.DEFAULT, RETRY).hedgeMode();
                link.problem = link.hedge ? "the account is in hedge mode: Tradeflow places one-way orders; switch it"
                        + " to one-way mode (Binance Futures, Preferences, Position Mode) or use another account" : null;
                if (link.hedge) {
                    LOG.error("Binance " + link.name + ": " + link.problem);
                }
            } catch (BinanceException e) {
                link.problem = "cannot read the position mode: " + e.getMessage();
                LOG.warnf("Binance %s: %s", link.name, link.problem);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (account.links.stream().anyMatch(l -> l.problem != null)) {
            return;
        }
        try {
            if (!account.restored) {
                if (!follower.loaded()) {
                    account.restoreProblem = "waiting for bots.v1 before taking up the orders left open";
                    return;
                }
                account.venue.restore(store.openVenueOrders(account.kind), bots::get, rules);
                account.venue.recover();
                account.restored = true;
                account.restoreProblem = null;
                reconcile(account);
            }
            account.restoreProblem = null;
            LOG.infof("Binance %s account ready (one-way mode, user data stream%s open)", account.name,
                    account.links.size() > 1 ? "s" : "");
        } catch (StoreException e) {
            account.restoreProblem = "cannot read the open orders from PostgreSQL: " + e.getMessage();
            LOG.warnf("Binance %s: %s", account.name, account.restoreProblem);
        }
    }
}
