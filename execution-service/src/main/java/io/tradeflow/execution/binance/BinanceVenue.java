package io.tradeflow.execution.binance;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.execution.Balances;
import io.tradeflow.core.execution.Exposure;
import io.tradeflow.core.execution.OrderEvents;
import io.tradeflow.core.execution.PlaceOrder;
import io.tradeflow.core.execution.TradingVenue;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.order.DenyReason;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Fill;
import io.tradeflow.core.position.Position;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Binance futures as a {@link TradingVenue} (bots with venue TESTNET or LIVE, one account each): the entry and exits as
 * MARKET orders on {@code /fapi/v1/order}, the stop-loss and take-profit as reduce-only conditional algo orders; for
 * COIN-M symbols (when the account trades them) the {@code /dapi} endpoints, where the stop-loss and take-profit are
 * reduce-only STOP_MARKET and TAKE_PROFIT_MARKET orders on {@code /dapi/v1/order} that fill themselves. What
 * the orders did comes from the user data stream ({@link #onEvent}), so a MARKET order's fills (trade id, fee and its
 * asset, realised PnL) are waited for up to {@code fillWait} and, when the stream is late, read with
 * {@code GET /fapi/v1/userTrades}; the same fill from both is counted once (by trade id), and its event has the same
 * id either way ({@code {clientOrderId}-{status}-{filled}}).
 *
 * <ul>
 *   <li>A rejected entry is a {@code REJECTED} event with Binance's code and message (the Trader then places
 *       nothing else).</li>
 *   <li>A stop-loss or take-profit whose trigger is already crossed (-2021), or a stop-loss refused for any reason,
 *       closes the position at market at once: a position is never left without its stop. The MARKET close keeps the
 *       bracket's role, with the client id {@code {bracket id}M}.</li>
 *   <li>When a bracket fills, the other one is canceled; an exit cancels both ({@link #cancelWorking}).</li>
 *   <li>A triggered algo order's fills come on its child order: linked by the child's order id ({@code ai} of
 *       {@code ALGO_UPDATE}), whichever arrives first; a child fill seen before its link is kept until the link
 *       comes. A child whose client id is the algo order's own is linked by that id.</li>
 *   <li>-2022 on a reduce-only exit: nothing to reduce at Binance; the bot's position is read again from the fills
 *       and positionRisk, never retried in a loop.</li>
 * </ul>
 *
 * <p>Each bot's position is booked here from its fills (trading-core's {@link Position}), as position-service books
 * it. One-way mode: a symbol's position at Binance is the account's, so one bot at a time may hold it. There are no
 * per-bot balances on a real account: {@link #balances} is empty (the Trader's loss limits then do not apply; Binance
 * checks the margin, -2019 comes back as REJECTED). Thread-safe: the engine's thread places orders while the user
 * stream's thread delivers events.
 */
public final class BinanceVenue implements TradingVenue, Exposure {
    private static final Logger LOG = Logger.getLogger(BinanceVenue.class);
    private static final int TRIGGER_CROSSED = -2021;
    private static final int REDUCE_ONLY_REJECTED = -2022;
    /**
     * How long an ended order stays tracked: long enough for its step to run again (Kafka delivers a step's inputs
     * again within minutes of a crash) and find it; then it is forgotten, so a venue trading for months stays small.
     */
    private static final long ENDED_KEPT_MILLIS = Duration.ofHours(6).toMillis();
    /** A triggered algo order's child fill waits this long for the ALGO_UPDATE naming it (seconds, in practice). */
    private static final long PARKED_KEPT_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final long PRUNE_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    /** An order placed through this venue and what it has done so far. */
    private static final class Tracked {
        final PlaceOrder order;
        /** A stop-loss or take-profit resting at Binance until its trigger (not a MARKET close of one). */
        final boolean resting;
        /** Resting as a USD-M algo order: it fills through a child order, and ends by ALGO_UPDATE. */
        final boolean algo;
        /** A resting order whose whole quantity filled has had its siblings canceled (once, whatever came first). */
        boolean siblingsCanceled;
        /** When its latest event was made or handed out (venue clock, epoch ms): an ended order is kept hours after. */
        long touched;
        OrderEvents events;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal filledValue = BigDecimal.ZERO;
        boolean done;
        /** Events not yet handed out: by the placing call while it runs, then by {@link #drainEvents}. */
        boolean returned;
        /** Taken up after a restart: its fills are not booked into the position (positionRisk was read instead). */
        boolean restored;
        final List<OrderUpdated> pending = new ArrayList<>();
        /** The trade ids booked on this order: each fill's event once per tracking. */
        final Set<String> trades = new HashSet<>();

        Tracked(PlaceOrder order, boolean algo) {
            this.order = order;
            this.resting = order.type() != OrderType.MARKET;
            this.algo = algo;
            this.events = OrderEvents.of(order);
        }
    }

    private final Venue venue;
    /** By market: USD-M always, COIN-M when the account trades it. */
    private final Map<Market, BinanceOrders> orders = new EnumMap<>(Market.class);
    private final PlacementClaims claims;
    private final Duration fillWait;
    private final LongSupplier clock;
    /** In placement order, so that cancels and recoveries run in a fixed order. */
    private final Map<String, Tracked> byClientId = new LinkedHashMap<>();
    private final Map<Long, String> childOf = new HashMap<>();
    private final Map<Long, List<UserEvent.OrderTradeUpdate>> parked = new HashMap<>();
    private final Map<String, Position> positions = new HashMap<>();
    /** "{SYMBOL}:{tradeId}" of the fills booked into the positions: each once. */
    private final Set<String> applied = new HashSet<>();
    /** "{SYMBOL} {leverage}x {marginType}" set on the account. */
    private final Set<String> configured = new HashSet<>();
    private final List<OrderUpdated> later = new ArrayList<>();
    /** The markets whose user data stream is down now. */
    private final Set<Market> streamsDown = EnumSet.noneOf(Market.class);
    /** When the positions were last read from Binance at a restart: fills up to then are in them already. */
    private long restoredAt = Long.MIN_VALUE;
    private long prunedAt;

    /**
     * @param fillWait how long a MARKET order's fills are waited for on the stream before they are read over REST
     * @param clock    wall clock, epoch ms ({@code producedAt})
     */
    public BinanceVenue(Venue venue, BinanceOrders orders, PlacementClaims claims, Duration fillWait, LongSupplier clock) {
        this(venue, List.of(orders), claims, fillWait, clock);
    }

    /** @param orders one per market the account trades (each {@link BinanceOrders#api()} once) */
    public BinanceVenue(Venue venue, List<BinanceOrders> orders, PlacementClaims claims, Duration fillWait,
                        LongSupplier clock) {
        if (venue == Venue.PAPER) {
            throw new IllegalArgumentException("BinanceVenue is for TESTNET or LIVE bots");
        }
        this.venue = venue;
        orders.forEach(o -> this.orders.put(o.api().market(), o));
        this.claims = claims;
        this.fillWait = fillWait;
        this.clock = clock;
    }

    /** TESTNET or LIVE: the bots whose orders this account takes. */
    public Venue venue() {
        return venue;
    }

    @Override
    public synchronized Optional<Position> position(String botId) {
        return Optional.ofNullable(positions.get(botId)).filter(Position::isOpen);
    }

    /** Empty: a Binance account has no balance per bot (see the class documentation). */
    @Override
    public Optional<Balances> balances(String botId) {
        return Optional.empty();
    }

    /** Whether the account's user data stream of {@code market} is open: entries wait for it (exits, cancels do not). */
    public synchronized void streamUp(Market market, boolean up) {
        if (up) {
            streamsDown.remove(market);
        } else {
            streamsDown.add(market);
        }
    }

    /**
     * Refuses what this venue cannot do: an entry of a market the account does not trade (COIN-M unless enabled),
     * an entry while that market's user stream is down, and an entry on a symbol another bot of this account holds
     * (one-way mode keeps one position per symbol: the two bots' orders would net against each other). The margin is
     * Binance's to check: -2019 comes back as a REJECTED event.
     */
    @Override
    public synchronized Optional<Denial> affordable(PlaceOrder entry) {
        Market market = entry.rules().market();
        if (!orders.containsKey(market)) {
            return Optional.of(new Denial(DenyReason.VENUE_UNAVAILABLE, "the " + venue + " Binance account does not"
                    + " trade COIN-M futures (" + entry.bot().symbol().value() + "): set"
                    + " tradeflow.execution.binance-accounts.coin-m=true to trade them"));
        }
        if (streamsDown.contains(market)) {
            return Optional.of(new Denial(DenyReason.VENUE_UNAVAILABLE, "the " + venue + " account's "
                    + (market == Market.COIN_M ? "COIN-M " : "") + "user data stream is down: no entry until its fills"
                    + " can be heard (exits still go)"));
        }
        return positions.entrySet().stream()
                .filter(held -> held.getValue().isOpen() && held.getValue().symbol().equals(entry.bot().symbol())
                        && !held.getKey().equals(entry.bot().botId()))
                .findFirst()
                .map(held -> new Denial(DenyReason.POSITION_OPEN, "bot " + held.getKey() + " holds "
                        + entry.bot().symbol().value() + " on this Binance account; one-way mode keeps one position per"
                        + " symbol, so two bots cannot trade it at once"));
    }

    @Override
    public synchronized int openPositions() {
        return (int) positions.values().stream().filter(Position::isOpen).count();
    }

    @Override
    public synchronized BigDecimal openNotional(Symbol symbol) {
        return positions.values().stream().filter(p -> p.isOpen() && p.symbol().equals(symbol))
                .map(p -> p.notional(p.entryPrice())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public synchronized BigDecimal openNotional() {
        return positions.values().stream().filter(Position::isOpen).map(p -> p.notional(p.entryPrice()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public void restartLossLimits(String botId, long time) {
        // No per-bot balances here, so no loss limits to restart.
    }

    @Override
    public List<OrderUpdated> market(PlaceOrder order) {
        Tracked tracked = track(order);
        OrderAnswer answer;
        try {
            if (order.role() == OrderRole.ENTRY) {
                configure(order);
            }
            answer = orders(order).market(order.clientOrderId(), order.bot().symbol(), order.side(), order.quantity(),
                    order.reduceOnly(), !claims.claim(order));
        } catch (BinanceException e) {
            if (e.handling() == Handling.UNKNOWN_OUTCOME) {
                return unknown(tracked, reason(e));
            }
            if (e.code().orElse(0) == REDUCE_ONLY_REJECTED) {
                nothingToReduce(order);
            }
            return finish(tracked, tracked.events.rejected(reason(e), order.time(), clock.getAsLong()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(tracked, "interrupted before an answer");
        } catch (RuntimeException e) {
            // An answer that cannot be read: the order may exist.
            return unknown(tracked, e.getMessage());
        }
        synchronized (this) {
            tracked.events = tracked.events.withExchangeOrderId(String.valueOf(answer.orderId()));
            tracked.pending.add(0, tracked.events.accepted(answer.updateTime(), clock.getAsLong()));
        }
        answer = awaitFills(tracked, answer);
        synchronized (this) {
            if (tracked.filled.compareTo(order.quantity()) >= 0) {
                tracked.done = true;
            } else if (isEnded(answer.status())) {
                tracked.pending.add(tracked.events.ended(OrderStatus.EXPIRED, tracked.filled, average(tracked),
                        answer.updateTime(), clock.getAsLong()));
                tracked.done = true;
            }
            return handOut(tracked);
        }
    }

    @Override
    public List<OrderUpdated> conditional(PlaceOrder order) {
        synchronized (this) {
            if (position(order.bot().botId()).isEmpty()) {
                // A bracket's sibling already closed the position at market (a crossed trigger): nothing to protect.
                Tracked skipped = track(order);
                skipped.done = true;
                return finish(skipped, skipped.events.canceled(order.time(), clock.getAsLong()));
            }
        }
        Tracked tracked = track(order);
        String type = order.type() == OrderType.STOP_MARKET ? "STOP_MARKET" : "TAKE_PROFIT_MARKET";
        BinanceOrders placing = orders(order);
        try {
            boolean sentBefore = !claims.claim(order);
            long exchangeId = tracked.algo
                    ? placing.conditional(order.clientOrderId(), order.bot().symbol(), order.side(), type,
                    order.quantity(), order.triggerPrice(), sentBefore).algoId()
                    : placing.stop(order.clientOrderId(), order.bot().symbol(), order.side(), type, order.quantity(),
                    order.triggerPrice(), sentBefore).orderId();
            synchronized (this) {
                tracked.events = tracked.events.withExchangeOrderId(String.valueOf(exchangeId));
                tracked.pending.add(0, tracked.events.accepted(order.time(), clock.getAsLong()));
                return handOut(tracked);
            }
        } catch (BinanceException e) {
            if (e.handling() == Handling.UNKNOWN_OUTCOME) {
                return unknown(tracked, reason(e));
            }
            List<OrderUpdated> events = new ArrayList<>(finish(tracked, tracked.events.rejected(reason(e), order.time(),
                    clock.getAsLong())));
            if (e.code().orElse(0) == TRIGGER_CROSSED || order.role() == OrderRole.STOP_LOSS) {
                events.addAll(closeNow(order, reason(e)));
            }
            return events;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(tracked, "interrupted before an answer");
        } catch (RuntimeException e) {
            return unknown(tracked, e.getMessage());
        }
    }

    @Override
    public List<OrderUpdated> cancelWorking(String botId, long time) {
        List<Tracked> working;
        synchronized (this) {
            working = byClientId.values().stream().filter(t -> t.resting && !t.done
                    && t.order.bot().botId().equals(botId)).toList();
        }
        List<OrderUpdated> events = new ArrayList<>();
        for (Tracked t : working) {
            events.addAll(cancel(t, time));
        }
        return events;
    }

    /**
     * One event of the account's user data stream (on the stream's thread). Fills of orders placed here are booked
     * and become events; the events of an order whose placing call is still running go back with it, the rest wait
     * in {@link #drainEvents}.
     */
    public void onEvent(UserEvent event) {
        List<Tracked> filledBrackets = new ArrayList<>();
        List<Tracked> unprotected = new ArrayList<>();
        synchronized (this) {
            switch (event) {
                case UserEvent.OrderTradeUpdate update -> orderUpdate(update, filledBrackets, unprotected);
                case UserEvent.AlgoUpdate update -> algoUpdate(update, filledBrackets, unprotected);
                default -> {
                    // ACCOUNT_UPDATE and the others: reconciliation reads positions over REST
                }
            }
            notifyAll();
        }
        for (Tracked bracket : filledBrackets) {
            cancelSiblings(bracket);
        }
        closeUnprotected(unprotected);
    }

    private void closeUnprotected(List<Tracked> stops) {
        for (Tracked stop : stops) {
            List<OrderUpdated> events = closeNow(stop.order, "the stop-loss was rejected at its trigger");
            synchronized (this) {
                later.addAll(events);
            }
        }
    }

    /**
     * Takes up again, after a restart, the orders that had not ended ({@code open}, from PostgreSQL) and each of their
     * bots' positions as Binance holds them now ({@code GET /fapi/v3/positionRisk}: in one-way mode a symbol's position
     * belongs to the bot whose orders are open on it). Then {@link #recover} books what happened while the service was
     * down. An order whose bot or symbol rules are unknown is skipped and logged (reconciliation reports it).
     */
    public void restore(List<VenueOrder> open, Function<String, Optional<BotDefinition>> bots,
                        Function<Symbol, Optional<SymbolRules>> rules) {
        Map<Symbol, String> owners = new HashMap<>();
        Map<Symbol, Market> markets = new HashMap<>();
        synchronized (this) {
            for (VenueOrder row : open) {
                Optional<BotDefinition> bot = bots.apply(row.botId());
                Optional<SymbolRules> symbolRules = rules.apply(row.symbol());
                if (bot.isEmpty() || symbolRules.isEmpty()) {
                    LOG.warnf("Open order %s of bot %s not taken up: %s unknown", row.clientOrderId(), row.botId(),
                            bot.isEmpty() ? "the bot is" : "the symbol's rules are");
                    continue;
                }
                if (!orders.containsKey(symbolRules.get().market())) {
                    LOG.warnf("Open order %s of bot %s not taken up: this account no longer trades %s (coin-m is off)",
                            row.clientOrderId(), row.botId(), symbolRules.get().market());
                    continue;
                }
                BigDecimal reference = row.triggerPrice() != null ? row.triggerPrice()
                        : row.averagePrice() != null ? row.averagePrice() : BigDecimal.ONE;
                PlaceOrder order = new PlaceOrder(row.clientOrderId(), row.signalId(), bot.get(), symbolRules.get(),
                        row.role(), row.side(), row.type(), row.quantity(), row.triggerPrice(), row.reduceOnly(),
                        reference, 0, row.eventTime(), row.closeReason());
                Tracked tracked = new Tracked(order, isAlgo(order));
                if (row.exchangeOrderId() != null) {
                    tracked.events = tracked.events.withExchangeOrderId(row.exchangeOrderId());
                }
                // Its fills are read again from Binance by recover(), each with the event id it had (so what was
                // published before is not published twice, and a fill never published is).
                tracked.returned = true;
                tracked.restored = true;
                byClientId.put(row.clientOrderId(), tracked);
                owners.put(row.symbol(), row.botId());
                markets.put(row.symbol(), symbolRules.get().market());
            }
        }
        synchronized (this) {
            restoredAt = clock.getAsLong();
        }
        for (Map.Entry<Symbol, String> owner : owners.entrySet()) {
            try {
                for (PositionRisk risk : orders.get(markets.get(owner.getKey())).positions(owner.getKey())) {
                    if (risk.positionAmount().signum() != 0) {
                        holdsAtBinance(owner.getValue(), owner.getKey(), risk, rules.apply(owner.getKey()).orElseThrow());
                    }
                }
            } catch (BinanceException e) {
                LOG.warnf("Position of %s not read after the restart (%s); bot %s counts as flat until reconciled",
                        owner.getKey().value(), reason(e), owner.getValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.infof("%s venue: %d open order(s) taken up after the restart", venue, byClientId.size());
    }

    /**
     * After a gap in the user stream (a reconnect, a restart): each order not ended is read over REST, with its fills
     * ({@code GET /fapi/v1/userTrades}; a triggered algo order's through its child), and what the stream missed is
     * booked, once (by trade id), with the event ids the stream would have given.
     */
    public void recover() {
        List<Tracked> open;
        synchronized (this) {
            open = byClientId.values().stream().filter(t -> !t.done).toList();
        }
        List<Tracked> filledBrackets = new ArrayList<>();
        List<Tracked> unprotected = new ArrayList<>();
        for (Tracked tracked : open) {
            try {
                if (tracked.algo) {
                    recoverAlgo(tracked, filledBrackets, unprotected);
                } else {
                    recoverOrder(tracked, filledBrackets, unprotected);
                }
            } catch (BinanceException e) {
                LOG.warnf("%s %s not recovered (%s); the next recovery tries again", tracked.order.role(),
                        tracked.order.clientOrderId(), reason(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Tracked bracket : filledBrackets) {
            cancelSiblings(bracket);
        }
        closeUnprotected(unprotected);
    }

    /** A MARKET order, or a COIN-M stop resting on the order endpoint: its fills and, for a stop, its end. */
    private void recoverOrder(Tracked tracked, List<Tracked> filledBrackets, List<Tracked> unprotected)
            throws BinanceException, InterruptedException {
        BinanceOrders reading = orders(tracked.order);
        Optional<OrderAnswer> answer = reading.order(tracked.order.bot().symbol(), tracked.order.clientOrderId());
        if (answer.isEmpty()) {
            return;
        }
        for (UserTrade trade : reading.trades(tracked.order.bot().symbol(), answer.get().orderId())) {
            synchronized (this) {
                book(tracked, trade.quantity(), trade.price(), trade.commission(), trade.commissionAsset(),
                        String.valueOf(trade.tradeId()), trade.realizedProfit(), trade.time());
            }
        }
        synchronized (this) {
            if (tracked.resting) {
                if (!tracked.siblingsCanceled && tracked.filled.compareTo(tracked.order.quantity()) >= 0) {
                    tracked.done = true;
                    tracked.siblingsCanceled = true;
                    filledBrackets.add(tracked);
                } else if (!tracked.done && isEnded(answer.get().status())) {
                    stopEnded(tracked, answer.get().status(), answer.get().updateTime(), unprotected);
                }
            } else if (tracked.filled.compareTo(tracked.order.quantity()) >= 0 || isEnded(answer.get().status())) {
                tracked.done = true;
            }
        }
    }

    private void recoverAlgo(Tracked tracked, List<Tracked> filledBrackets, List<Tracked> unprotected)
            throws BinanceException, InterruptedException {
        BinanceOrders reading = orders(tracked.order);
        Optional<AlgoOrderAnswer> answer = reading.algoOrder(tracked.order.clientOrderId());
        if (answer.isEmpty()) {
            return;
        }
        AlgoOrderAnswer algo = answer.get();
        if (algo.actualOrderId().isPresent()) {
            for (UserTrade trade : reading.trades(tracked.order.bot().symbol(), algo.actualOrderId().getAsLong())) {
                synchronized (this) {
                    childOf.put(algo.actualOrderId().getAsLong(), tracked.order.clientOrderId());
                    book(tracked, trade.quantity(), trade.price(), trade.commission(), trade.commissionAsset(),
                            String.valueOf(trade.tradeId()), trade.realizedProfit(), trade.time());
                }
            }
        }
        synchronized (this) {
            if (!tracked.siblingsCanceled && tracked.filled.compareTo(tracked.order.quantity()) >= 0) {
                tracked.done = true;
                tracked.siblingsCanceled = true;
                filledBrackets.add(tracked);
            } else if (!tracked.done && switch (algo.algoStatus()) {
                case "CANCELED", "EXPIRED", "REJECTED", "FINISHED" -> true;
                default -> false;
            }) {
                algoEnded(tracked, algo.algoStatus(), "read after a gap", algo.updateTime(), unprotected);
            }
        }
    }

    /**
     * Compares what is open at Binance ({@code state}) with what this venue placed and booked: an open order or algo
     * order that is not ours, one of ours no longer open there (read again: {@link #recover} books its fills or end),
     * a position no bot here holds, a symbol whose bots' booked positions do not add up to Binance's (one-way mode:
     * one position per symbol). Nothing at Binance is changed.
     */
    public List<Difference> reconcile(BinanceOrders.AccountState state) {
        List<Difference> differences = new ArrayList<>();
        Map<Symbol, BigDecimal> booked = new HashMap<>();
        synchronized (this) {
            Set<String> openHere = new HashSet<>();
            byClientId.values().stream().filter(t -> !t.done && t.order.rules().market() == state.market())
                    .forEach(t -> openHere.add(t.order.clientOrderId()));
            for (OrderAnswer order : state.orders()) {
                if (!openHere.remove(order.clientOrderId())) {
                    differences.add(new Difference("unknown-order", order.symbol(), order.clientOrderId(),
                            order.side() + " " + order.orderType() + " " + order.originalQuantity().toPlainString()
                                    + " open at Binance, not placed by this platform; left alone"));
                }
            }
            for (AlgoOrderAnswer algo : state.algoOrders()) {
                if (!openHere.remove(algo.clientAlgoId())) {
                    differences.add(new Difference("unknown-algo-order", algo.symbol(), algo.clientAlgoId(),
                            algo.side() + " " + algo.orderType() + " at " + algo.triggerPrice().toPlainString()
                                    + " open at Binance, not placed by this platform; left alone"));
                }
            }
            for (String gone : openHere) {
                Tracked t = byClientId.get(gone);
                if (t.resting && t.returned) {
                    differences.add(new Difference("order-gone", t.order.bot().symbol().value(), gone, t.order.role()
                            + " of bot " + t.order.bot().botId() + " no longer open at Binance; read again"));
                }
            }
            positions.forEach((botId, position) -> {
                if (position.isOpen() && position.contract() == Contract.of(state.market())) {
                    BigDecimal signed = position.direction().entrySide() == Side.BUY ? position.quantity()
                            : position.quantity().negate();
                    booked.merge(position.symbol(), signed, BigDecimal::add);
                }
            });
        }
        for (PositionRisk risk : state.positions()) {
            BigDecimal here = booked.remove(Symbol.of(risk.symbol()));
            if (here == null) {
                differences.add(new Difference("foreign-position", risk.symbol(), null, "Binance holds "
                        + risk.positionAmount().toPlainString() + " that no bot of this platform holds; left alone"));
            } else if (here.compareTo(risk.positionAmount()) != 0) {
                differences.add(new Difference("position-mismatch", risk.symbol(), null, "Binance holds "
                        + risk.positionAmount().toPlainString() + ", the bots here " + here.toPlainString()));
            }
        }
        booked.forEach((symbol, here) -> differences.add(new Difference("position-mismatch", symbol.value(), null,
                "Binance holds nothing, the bots here " + here.toPlainString())));
        recover();
        return differences;
    }

    /** The bot holds at Binance what positionRisk says (one fill standing for the lots it was built from). */
    private synchronized void holdsAtBinance(String botId, Symbol symbol, PositionRisk risk, SymbolRules rules) {
        Fill fill = new Fill(risk.positionAmount().signum() > 0 ? Side.BUY : Side.SELL, risk.positionAmount().abs(),
                risk.entryPrice(), BigDecimal.ZERO, rules.marginAsset(), risk.updateTime(), "binance-" + symbol.value());
        positions.put(botId, Position.open(symbol, Contract.of(rules.market()), rules.contractSize(),
                rules.marginAsset(), fill));
    }

    /** The events that happened outside a placing call (bracket fills, cancels, late fills), oldest first. */
    public synchronized List<OrderUpdated> drainEvents() {
        List<OrderUpdated> events = List.copyOf(later);
        later.clear();
        long now = clock.getAsLong();
        if (now - prunedAt >= PRUNE_EVERY_MILLIS) {
            prune(now);
            prunedAt = now;
        }
        return events;
    }

    /** How many orders this venue tracks now (working ones, and ended ones not yet forgotten). */
    public synchronized int trackedOrders() {
        return byClientId.size();
    }

    /**
     * Forgets the orders ended whose last event is more than {@link #ENDED_KEPT_MILLIS} old (with their booked trade ids and
     * child links), and child fills of algo orders never named within {@link #PARKED_KEPT_MILLIS} (another client's).
     */
    private void prune(long now) {
        var orders = byClientId.values().iterator();
        while (orders.hasNext()) {
            Tracked t = orders.next();
            if (t.done && t.returned && t.pending.isEmpty() && now - t.touched > ENDED_KEPT_MILLIS) {
                orders.remove();
                t.trades.forEach(tradeId -> applied.remove(t.order.bot().symbol().value() + ":" + tradeId));
                childOf.values().removeIf(clientId -> clientId.equals(t.order.clientOrderId()));
            }
        }
        parked.values().removeIf(updates -> now - updates.get(0).eventTime() > PARKED_KEPT_MILLIS);
    }

    private void orderUpdate(UserEvent.OrderTradeUpdate update, List<Tracked> filledBrackets,
                             List<Tracked> unprotected) {
        Tracked tracked = byClientId.get(update.clientOrderId());
        if (tracked == null && childOf.containsKey(update.orderId())) {
            tracked = byClientId.get(childOf.get(update.orderId()));
        }
        if (tracked == null) {
            if (update.originalOrderType() != null && update.originalOrderType().endsWith("_MARKET")
                    && !"MARKET".equals(update.originalOrderType())) {
                // A triggered algo order's child, before the ALGO_UPDATE that names it.
                parked.computeIfAbsent(update.orderId(), id -> new ArrayList<>()).add(update);
            }
            return;
        }
        if (!update.isFill()) {
            // A stop that triggers expires with reason 8 and executes as a MARKET order under the same id: not an end.
            boolean triggered = "EXPIRED".equals(update.status())
                    && update.expiryReason() == UserEvent.OrderTradeUpdate.STOP_TRIGGERED;
            if (tracked.resting && !tracked.algo && !tracked.done && !triggered && switch (update.status()) {
                case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH", "REJECTED" -> true;
                default -> false;
            }) {
                // A COIN-M stop ended at Binance without (all of) its fill: canceled there, or expired otherwise.
                stopEnded(tracked, update.status(), update.eventTime(), unprotected);
            }
            return;
        }
        book(tracked, update.lastFilledQuantity(), update.lastFilledPrice(),
                update.commission() == null ? BigDecimal.ZERO : update.commission(),
                update.commissionAsset() == null ? tracked.order.rules().marginAsset() : update.commissionAsset(),
                String.valueOf(update.tradeId()), update.realizedProfit(), update.tradeTime());
        if (tracked.resting && !tracked.siblingsCanceled && tracked.filled.compareTo(tracked.order.quantity()) >= 0) {
            // Even after an end read earlier (an expiry we took for final): once filled, its siblings go.
            tracked.done = true;
            tracked.siblingsCanceled = true;
            filledBrackets.add(tracked);
        }
    }

    private void algoUpdate(UserEvent.AlgoUpdate update, List<Tracked> filledBrackets, List<Tracked> unprotected) {
        Tracked tracked = byClientId.get(update.clientAlgoId());
        if (tracked == null) {
            return;
        }
        update.actualOrderId().ifPresent(child -> {
            childOf.put(child, update.clientAlgoId());
            List<UserEvent.OrderTradeUpdate> early = parked.remove(child);
            if (early != null) {
                early.forEach(u -> orderUpdate(u, filledBrackets, unprotected));
            }
        });
        if (!tracked.done && switch (update.algoStatus()) {
            case "CANCELED", "EXPIRED", "REJECTED", "FINISHED" -> true;
            default -> false;
        }) {
            algoEnded(tracked, update.algoStatus(), update.failureReason(), update.eventTime(), unprotected);
        }
    }

    /**
     * An algo order ended at Binance. FINISHED with its whole quantity filled was booked by its fills; FINISHED
     * short of it is EXPIRED for what did not fill; a stop-loss REJECTED at its trigger leaves the position without a
     * stop, so it is closed at market ({@code unprotected} collects it, for outside the lock).
     */
    private void algoEnded(Tracked tracked, String status, String reason, long time, List<Tracked> unprotected) {
        if ("FINISHED".equals(status) && tracked.filled.compareTo(tracked.order.quantity()) >= 0) {
            return;
        }
        tracked.done = true;
        if ("REJECTED".equals(status)) {
            emit(tracked, tracked.events.rejected("rejected at its trigger: " + reason, time, clock.getAsLong()));
            if (tracked.order.role() == OrderRole.STOP_LOSS) {
                unprotected.add(tracked);
            }
            return;
        }
        OrderStatus ended = "FINISHED".equals(status) ? OrderStatus.EXPIRED : OrderStatus.valueOf(status);
        emit(tracked, tracked.events.ended(ended, tracked.filled, average(tracked), time, clock.getAsLong()));
    }

    /**
     * A COIN-M stop-loss or take-profit order ended at Binance short of its quantity: CANCELED as such, EXPIRED or
     * REJECTED (it triggered and could not execute) as such too, and a stop-loss that did so leaves the position
     * without a stop, so it is closed at market ({@code unprotected} collects it, for outside the lock).
     */
    private void stopEnded(Tracked tracked, String status, long time, List<Tracked> unprotected) {
        tracked.done = true;
        OrderStatus ended = OrderStatus.valueOf(status.equals("EXPIRED_IN_MATCH") ? "EXPIRED" : status);
        if (ended == OrderStatus.REJECTED) {
            emit(tracked, tracked.events.rejected("rejected at its trigger", time, clock.getAsLong()));
        } else {
            emit(tracked, tracked.events.ended(ended, tracked.filled, average(tracked), time, clock.getAsLong()));
        }
        if (ended != OrderStatus.CANCELED && tracked.order.role() == OrderRole.STOP_LOSS && held(
                tracked.order.bot().botId()) != null) {
            unprotected.add(tracked);
        }
    }

    /** Books one fill of a tracked order once (by trade id): its event, and the bot's position after it. */
    private void book(Tracked tracked, BigDecimal quantity, BigDecimal price, BigDecimal fee, String feeAsset,
                      String tradeId, BigDecimal realizedPnl, long time) {
        if (!tracked.trades.add(tradeId)) {
            return;
        }
        tracked.filled = tracked.filled.add(quantity);
        tracked.filledValue = tracked.filledValue.add(quantity.multiply(price));
        emit(tracked, tracked.events.fill(tracked.filled, average(tracked), quantity, price, fee, feeAsset, tradeId,
                realizedPnl, time, clock.getAsLong()));
        if (!applied.add(tracked.order.bot().symbol().value() + ":" + tradeId)) {
            // Booked into the position before (an order tracked afresh after a restart): its event again, not its fill.
            return;
        }
        if (tracked.restored && time <= restoredAt) {
            // After a restart the position comes from positionRisk, which already holds this fill.
            return;
        }
        if (held(tracked.order.bot().botId()) == null && tracked.order.reduceOnly()) {
            // A close of a position not booked here (dropped, or held before a restart without positionRisk): no
            // position the other way.
            return;
        }
        String botId = tracked.order.bot().botId();
        Fill fill = new Fill(tracked.order.side(), quantity, price, fee, feeAsset, time, tradeId);
        Position held = held(botId);
        try {
            positions.put(botId, held == null
                    ? Position.open(tracked.order.bot().symbol(), Contract.of(tracked.order.rules().market()),
                    tracked.order.rules().contractSize(), tracked.order.rules().marginAsset(), fill)
                    : held.apply(fill).position());
        } catch (IllegalArgumentException e) {
            // A close larger than what is booked here: fills were missed; the event stands, the book is dropped.
            positions.remove(botId);
            LOG.warnf("Bot %s: fill %s does not fit its booked position (%s); position dropped until reconciled",
                    botId, tradeId, e.getMessage());
        }
    }

    private Position held(String botId) {
        Position position = positions.get(botId);
        return position == null || !position.isOpen() ? null : position;
    }

    private void emit(Tracked tracked, OrderUpdated event) {
        tracked.touched = clock.getAsLong();
        (tracked.returned ? later : tracked.pending).add(event);
    }

    /**
     * Waits for the stream to bring the MARKET order's fills, up to its whole quantity unless Binance's answer already
     * says it ended; when they are not all there in time, the order and its fills are read over REST. Returns the
     * latest answer.
     */
    private OrderAnswer awaitFills(Tracked tracked, OrderAnswer answer) {
        // FILLED or ended: what Binance executed (a reduce-only close may execute less than asked); else all of it.
        BigDecimal target = isEnded(answer.status()) || "FILLED".equals(answer.status()) ? answer.executedQuantity()
                : tracked.order.quantity();
        long deadline = System.nanoTime() + fillWait.toNanos();
        synchronized (this) {
            while (tracked.filled.compareTo(target) < 0 && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return answer;
                }
            }
            if (tracked.filled.compareTo(target) >= 0) {
                return answer;
            }
        }
        try {
            BinanceOrders reading = orders(tracked.order);
            answer = reading.order(tracked.order.bot().symbol(), tracked.order.clientOrderId()).orElse(answer);
            for (UserTrade trade : reading.trades(tracked.order.bot().symbol(), answer.orderId())) {
                synchronized (this) {
                    book(tracked, trade.quantity(), trade.price(), trade.commission(), trade.commissionAsset(),
                            String.valueOf(trade.tradeId()), trade.realizedProfit(), trade.time());
                }
            }
        } catch (BinanceException e) {
            LOG.warnf("Fills of %s not on the stream within %d ms and not readable over REST (%s); they come with the"
                    + " stream or the next reconciliation", tracked.order.clientOrderId(), fillWait.toMillis(), reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }

    /**
     * The placement's outcome is unknown even after looking the order up: no event yet (the order may exist and
     * fill); it stays open here, so the next recovery or reconciliation reads it and books what it did.
     */
    private List<OrderUpdated> unknown(Tracked tracked, String why) {
        LOG.errorf("%s %s of bot %s: outcome unknown (%s); it is read again at the next recovery (reconciliation"
                + " every few minutes)", tracked.order.role(), tracked.order.clientOrderId(),
                tracked.order.bot().botId(), why);
        synchronized (this) {
            return handOut(tracked);
        }
    }

    /**
     * A bracket that cannot rest (its trigger already crossed, a stop refused or rejected at its trigger): the position
     * is closed at market at once, and the bot's other working bracket canceled.
     */
    private List<OrderUpdated> closeNow(PlaceOrder bracket, String why) {
        LOG.warnf("%s %s of bot %s: %s; closing the position at market now", bracket.role(), bracket.clientOrderId(),
                bracket.bot().botId(), why);
        List<OrderUpdated> events = new ArrayList<>(market(atMarket(bracket)));
        events.addAll(cancelWorking(bracket.bot().botId(), clock.getAsLong()));
        return events;
    }

    /** The symbol's margin type and leverage as the bot asks, set once per symbol and setting. */
    private void configure(PlaceOrder entry) throws BinanceException, InterruptedException {
        String setting = entry.bot().symbol().value() + " " + entry.bot().risk().leverage() + "x "
                + entry.bot().risk().marginType();
        synchronized (this) {
            if (configured.contains(setting)) {
                return;
            }
        }
        orders(entry).configure(entry.bot().symbol(), entry.bot().risk().leverage(),
                entry.bot().risk().marginType().name());
        synchronized (this) {
            configured.removeIf(s -> s.startsWith(entry.bot().symbol().value() + " "));
            configured.add(setting);
        }
    }

    /** Cancels a working bracket: CANCELED, or, when Binance no longer has it open, its end as Binance tells it. */
    private List<OrderUpdated> cancel(Tracked tracked, long time) {
        try {
            boolean canceled = tracked.algo ? orders(tracked.order).cancelAlgo(tracked.order.clientOrderId())
                    : orders(tracked.order).cancelOrder(tracked.order.bot().symbol(), tracked.order.clientOrderId());
            synchronized (this) {
                if (tracked.done) {
                    return List.of();
                }
                if (canceled) {
                    tracked.done = true;
                    tracked.touched = clock.getAsLong();
                    return List.of(tracked.events.ended(OrderStatus.CANCELED, tracked.filled, average(tracked), time,
                            clock.getAsLong()));
                }
            }
            // Triggered or ended meanwhile: its fills and end come on the stream.
            return List.of();
        } catch (BinanceException e) {
            LOG.warnf("Cancel of %s %s failed (%s); reconciliation will find it", tracked.order.role(),
                    tracked.order.clientOrderId(), reason(e));
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** A bracket filled: the bot's other working brackets are canceled (one-cancels-the-other, done here). */
    private void cancelSiblings(Tracked filled) {
        List<OrderUpdated> canceled = cancelWorking(filled.order.bot().botId(), clock.getAsLong());
        synchronized (this) {
            later.addAll(canceled);
        }
    }

    /** -2022: Binance has nothing to reduce for the bot's symbol; the bot's booked position is dropped. */
    private synchronized void nothingToReduce(PlaceOrder exit) {
        Position held = positions.remove(exit.bot().botId());
        LOG.warnf("Reduce-only %s of bot %s refused (-2022): Binance holds nothing to reduce; the bot's booked %s"
                + " position is dropped (reconciliation reports the difference)", exit.clientOrderId(),
                exit.bot().botId(), held == null ? "no" : held.direction() + " " + held.quantity().toPlainString());
    }

    /**
     * The order a placing call is about. One taken up after a restart is tracked afresh: its step runs again (Kafka
     * delivers its inputs again) and gets its events back, each with the id it had.
     */
    private synchronized Tracked track(PlaceOrder order) {
        Tracked known = byClientId.get(order.clientOrderId());
        if (known != null && !known.restored) {
            return known;
        }
        Tracked fresh = new Tracked(order, isAlgo(order));
        byClientId.put(order.clientOrderId(), fresh);
        return fresh;
    }

    private synchronized List<OrderUpdated> finish(Tracked tracked, OrderUpdated last) {
        tracked.done = true;
        tracked.pending.add(last);
        return handOut(tracked);
    }

    private List<OrderUpdated> handOut(Tracked tracked) {
        tracked.returned = true;
        tracked.touched = clock.getAsLong();
        List<OrderUpdated> events = List.copyOf(tracked.pending);
        tracked.pending.clear();
        return events;
    }

    /** The orders of the order's market (present: entries of other markets are denied by {@link #affordable}). */
    private BinanceOrders orders(PlaceOrder order) {
        return orders.get(order.rules().market());
    }

    /** A stop-loss or take-profit that rests at Binance as an algo order (USD-M) rather than as an order (COIN-M). */
    private boolean isAlgo(PlaceOrder order) {
        return order.type() != OrderType.MARKET && orders(order).api().algoConditionals();
    }

    private static PlaceOrder atMarket(PlaceOrder bracket) {
        return new PlaceOrder(bracket.clientOrderId() + "M", bracket.signalId(), bracket.bot(), bracket.rules(),
                bracket.role(), bracket.side(), OrderType.MARKET, bracket.quantity(), null, true,
                bracket.referencePrice(), bracket.klineOpenTime(), bracket.time(), bracket.closeReason());
    }

    private static BigDecimal average(Tracked tracked) {
        return tracked.filled.signum() == 0 ? null
                : tracked.filledValue.divide(tracked.filled, MathContext.DECIMAL64).stripTrailingZeros();
    }

    private static boolean isEnded(String status) {
        return status.equals("EXPIRED") || status.equals("CANCELED") || status.equals("EXPIRED_IN_MATCH");
    }

    private static String reason(BinanceException e) {
        return e.code().isPresent() ? e.code().getAsInt() + " " + e.binanceMessage() : e.getMessage();
    }
}
