package io.tradeflow.core.execution;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.order.DenyReason;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.core.position.Applied;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Fill;
import io.tradeflow.core.position.Position;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The paper venue: a deterministic matching engine over klines, one {@link PaperAccount} per bot. What it does is a
 * function of the orders and klines it is given, in the order given; the caller feeds them in market-time order
 * (a kline, then the signals computed at its close).
 *
 * <ul>
 *   <li>MARKET (entry or exit): fills at once at the reference price moved against the trader by the slippage,
 *       rounded to the tick against the trader (buy up, sell down). A fill that leaves the bot flat cancels its
 *       resting orders.</li>
 *   <li>STOP_MARKET / TAKE_PROFIT_MARKET (reduce-only): checked on every kline of the bot's interval after the
 *       entry's kline. A kline that opens beyond the trigger fills at its open (a gap); otherwise a low/high that
 *       reaches the trigger fills at the trigger. When both are reached in one kline the stop fills (we cannot know
 *       which came first, so the choice that costs more), unless the kline opened beyond the target, which then
 *       certainly came first. Slippage as for market orders. When one fills, the other is canceled. Fill time: the
 *       open for a gap, the close otherwise, never before the entry's fill.</li>
 *   <li>Fees: {@code takerFeeBps} of the fill's notional in the margin asset, 8 places HALF_EVEN.</li>
 *   <li>Wallet: margin reserved as notional / leverage at entry and released with the closed share; realised PnL
 *       and fees booked to the balance.</li>
 * </ul>
 *
 * <p>Not thread-safe: one thread feeds it (the service processes one step at a time).
 */
public final class PaperVenue implements TradingVenue, Exposure {
    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final int MONEY_SCALE = 8;
    private static final long DAY_MILLIS = 86_400_000L;

    private final PaperSettings settings;
    private final Function<Symbol, Optional<SymbolRules>> rules;
    private final LongSupplier clock;
    /** By bot id. */
    private final Map<String, PaperAccount> accounts = new TreeMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    /**
     * @param rules the symbol rules for stop fills (market orders carry theirs)
     * @param clock wall-clock epoch ms, only for {@code producedAt}; nothing the venue decides depends on it
     */
    public PaperVenue(PaperSettings settings, Function<Symbol, Optional<SymbolRules>> rules, LongSupplier clock) {
        this.settings = settings;
        this.rules = rules;
        this.clock = clock;
    }

    /** Puts back an account read from storage (at start, or when this instance takes over a symbol). */
    public void restore(PaperAccount account) {
        accounts.put(account.botId(), account);
    }

    /** Drops the accounts of bots no longer processed here (their symbol moved to another instance). */
    public void forget(String botId) {
        accounts.remove(botId);
        changed.remove(botId);
    }

    public Optional<PaperAccount> account(String botId) {
        return Optional.ofNullable(accounts.get(botId));
    }

    public Collection<PaperAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    /** The accounts changed since the last call, for the caller to store with the events they caused. */
    public List<PaperAccount> drainChanged() {
        List<PaperAccount> result = changed.stream().map(accounts::get).toList();
        changed.clear();
        return result;
    }

    @Override
    public Optional<Position> position(String botId) {
        return account(botId).map(PaperAccount::position);
    }

    @Override
    public Optional<Balances> balances(String botId) {
        return account(botId).map(a -> new Balances(a.balance(), a.dayStartBalance(), a.day(), a.peakBalance()));
    }

    @Override
    public Optional<Denial> affordable(PlaceOrder entry) {
        BigDecimal price = fillPrice(entry.rules(), entry.side(), entry.referencePrice());
        BigDecimal notional = marginNotional(entry.rules(), entry.quantity(), price);
        BigDecimal required = margin(notional, entry.bot().risk().leverage()).add(fee(notional));
        BigDecimal available = account(entry.bot()).available();
        if (required.compareTo(available) > 0) {
            return Optional.of(new Denial(DenyReason.INSUFFICIENT_MARGIN, "margin " + required.toPlainString() + " "
                    + entry.rules().marginAsset() + " (notional / leverage " + entry.bot().risk().leverage()
                    + " + fee) exceeds the available " + available.toPlainString()));
        }
        return Optional.empty();
    }

    @Override
    public List<OrderUpdated> market(PlaceOrder order) {
        OrderEvents events = OrderEvents.of(order);
        PaperAccount account = account(order.bot());
        BigDecimal price = fillPrice(order.rules(), order.side(), order.referencePrice());
        Booked booked = book(account, order.rules(), order.side(), order.quantity(), price, order.bot().risk().leverage(),
                order.clientOrderId(), order.time());
        List<OrderUpdated> result = new ArrayList<>(List.of(events.accepted(order.time(), clock.getAsLong()),
                events.filled(price, booked.fill().fee(), booked.fill().feeAsset(), booked.fill().tradeId(),
                        booked.realizedPnl(), order.time(), clock.getAsLong())));
        PaperAccount after = booked.account();
        if (after.flat() && !after.working().isEmpty()) {
            // A flat account keeps no resting orders (a stop left behind would fire on the next position), and each
            // one ends with an event, or orders.v1 would show it NEW for ever.
            for (WorkingOrder resting : after.working()) {
                result.add(OrderEvents.of(resting, after, Venue.PAPER, order.rules())
                        .canceled(order.time(), clock.getAsLong()));
            }
            after = withWorking(after, List.of());
        }
        store(after);
        return result;
    }

    @Override
    public List<OrderUpdated> conditional(PlaceOrder order) {
        if (order.type() != OrderType.STOP_MARKET && order.type() != OrderType.TAKE_PROFIT_MARKET) {
            throw new IllegalArgumentException("not a conditional order type: " + order.type());
        }
        PaperAccount account = account(order.bot());
        List<WorkingOrder> working = new ArrayList<>(account.working());
        working.add(new WorkingOrder(order.clientOrderId(), order.signalId(), order.role(), order.side(), order.type(),
                order.quantity(), order.triggerPrice(), order.klineOpenTime()));
        store(withWorking(account, working));
        return List.of(OrderEvents.of(order).accepted(order.time(), clock.getAsLong()));
    }

    @Override
    public List<OrderUpdated> cancelWorking(String botId, long time) {
        PaperAccount account = accounts.get(botId);
        if (account == null || account.working().isEmpty()) {
            return List.of();
        }
        List<OrderUpdated> events = new ArrayList<>();
        for (WorkingOrder order : account.working()) {
            events.add(OrderEvents.of(order, account, Venue.PAPER, rulesOf(account)).canceled(time, clock.getAsLong()));
        }
        store(withWorking(account, List.of()));
        return events;
    }

    /**
     * Day start and peak become the current balance, the day the UTC day of {@code time}: the daily loss and the
     * drawdown count from here. Nothing for a bot without an account.
     */
    @Override
    public void restartLossLimits(String botId, long time) {
        PaperAccount a = accounts.get(botId);
        if (a != null) {
            store(new PaperAccount(a.botId(), a.symbol(), a.interval(), a.asset(), a.balance(), a.reservedMargin(),
                    a.balance(), Math.floorDiv(time, DAY_MILLIS), a.balance(), a.position(), a.working(), a.fills()));
        }
    }

    /**
     * Checks every resting order of the kline's (symbol, interval) against it; returns the fills and the
     * cancellations of their siblings. A kline at or before an order's entry kline does not trigger it.
     *
     * @return the events in bot id order (do not modify it: when nothing happened, most klines, it is immutable)
     */
    public List<OrderUpdated> onKline(KlineClosed kline) {
        // By bot id (the accounts' order), so that several bots on one series fill in the same order before and
        // after a restart. Checked after the loop: a fill stores the account, which must not happen mid-iteration.
        List<PaperAccount> due = List.of();
        for (PaperAccount account : accounts.values()) {
            if (account.symbol().equals(kline.symbol()) && account.interval() == kline.interval()
                    && account.position() != null && !account.working().isEmpty()) {
                due = due.isEmpty() ? new ArrayList<>() : due;
                due.add(account);
            }
        }
        List<OrderUpdated> events = due.isEmpty() ? List.of() : new ArrayList<>();
        for (PaperAccount account : due) {
            events.addAll(check(account, kline));
        }
        return events;
    }

    @Override
    public int openPositions() {
        return (int) accounts.values().stream().filter(a -> !a.flat()).count();
    }

    @Override
    public BigDecimal openNotional(Symbol symbol) {
        return accounts.values().stream().filter(a -> !a.flat() && a.symbol().equals(symbol))
                .map(a -> a.position().notional(a.position().entryPrice())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public BigDecimal openNotional() {
        return accounts.values().stream().filter(a -> !a.flat())
                .map(a -> a.position().notional(a.position().entryPrice())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<OrderUpdated> check(PaperAccount account, KlineClosed kline) {
        WorkingOrder triggered = null;
        BigDecimal base = null;
        long time = 0;
        // A gap first: the open is the kline's first trade, so an order the open is beyond certainly fired first.
        for (WorkingOrder order : account.working()) {
            if (kline.openTime() > order.activeAfter() && beyond(order, kline.open())) {
                triggered = order;
                base = kline.open();
                time = kline.openTime();
                break;
            }
        }
        if (triggered == null) {
            for (WorkingOrder order : account.working()) {
                if (kline.openTime() > order.activeAfter() && reached(order, kline)
                        && (triggered == null || order.role() == OrderRole.STOP_LOSS)) {
                    triggered = order;
                    base = order.triggerPrice();
                    time = kline.closeTime();
                }
            }
        }
        if (triggered == null) {
            return List.of();
        }
        // Never before the position it closes: the kline after the entry's opens 1 ms after the entry's kline closed,
        // which is often before the entry's own fill (at the signal's time, the close event's, some ms later).
        time = Math.max(time, account.position().openedAt());
        SymbolRules symbolRules = rules.apply(account.symbol()).orElseThrow(() -> new IllegalStateException(
                "no symbol rules for " + account.symbol() + " while " + account.botId() + " holds a position"));
        BigDecimal price = fillPrice(symbolRules, triggered.side(), base);
        BigDecimal quantity = triggered.quantity().min(account.position().quantity());
        Booked booked = book(account, symbolRules, triggered.side(), quantity, price, 1, triggered.clientOrderId(), time);
        List<OrderUpdated> events = new ArrayList<>();
        events.add(OrderEvents.of(triggered, account, Venue.PAPER, symbolRules).filled(price, booked.fill().fee(),
                booked.fill().feeAsset(), booked.fill().tradeId(), booked.realizedPnl(), time, clock.getAsLong()));
        List<WorkingOrder> rest = new ArrayList<>();
        for (WorkingOrder other : account.working()) {
            if (other != triggered) {
                if (booked.account().flat()) {
                    events.add(OrderEvents.of(other, account, Venue.PAPER, symbolRules)
                            .canceled(time, clock.getAsLong()));
                } else {
                    rest.add(other);
                }
            }
        }
        store(withWorking(booked.account(), rest));
        return events;
    }

    /** True when {@code price} is at or beyond the order's trigger in the direction that fires it. */
    private static boolean beyond(WorkingOrder order, BigDecimal price) {
        int comparison = price.compareTo(order.triggerPrice());
        return firesFalling(order) ? comparison <= 0 : comparison >= 0;
    }

    private static boolean reached(WorkingOrder order, KlineClosed kline) {
        return beyond(order, firesFalling(order) ? kline.low() : kline.high());
    }

    /** STOP_MARKET SELL and TAKE_PROFIT_MARKET BUY fire when the price falls to the trigger (Binance trigger rules). */
    private static boolean firesFalling(WorkingOrder order) {
        return (order.type() == OrderType.STOP_MARKET) == (order.side() == Side.SELL);
    }

    private record Booked(PaperAccount account, Fill fill, BigDecimal realizedPnl) {
    }

    /** One fill into the account: position, margin, fee, realised PnL, day and peak. */
    private Booked book(PaperAccount account, SymbolRules symbolRules, Side side, BigDecimal quantity, BigDecimal price,
                        int leverage, String clientOrderId, long time) {
        BigDecimal notional = marginNotional(symbolRules, quantity, price);
        BigDecimal fee = fee(notional);
        long number = account.fills() + 1;
        Fill fill = new Fill(side, quantity, price, fee, account.asset(), time, clientOrderId + "-1");
        Position before = account.position();
        Position after;
        BigDecimal reserved = account.reservedMargin();
        BigDecimal realized = null;
        if (before == null) {
            after = Position.open(account.symbol(), Contract.of(symbolRules.market()), symbolRules.contractSize(), account.asset(), fill);
            reserved = reserved.add(margin(notional, leverage));
        } else {
            Applied applied = before.apply(fill);
            after = applied.position();
            realized = applied.realizedPnl();
            if (applied.closedQuantity().signum() > 0) {
                reserved = after.isOpen() ? reserved.subtract(reserved.multiply(applied.closedQuantity())
                        .divide(before.quantity(), MONEY_SCALE, RoundingMode.HALF_EVEN)) : BigDecimal.ZERO;
            } else {
                reserved = reserved.add(margin(notional, leverage));
            }
        }
        long fillDay = Math.floorDiv(time, DAY_MILLIS);
        BigDecimal dayStart = fillDay == account.day() ? account.dayStartBalance() : account.balance();
        BigDecimal balance = account.balance().subtract(fee).add(realized == null ? BigDecimal.ZERO : realized);
        PaperAccount updated = new PaperAccount(account.botId(), account.symbol(), account.interval(), account.asset(),
                balance, reserved, account.peakBalance().max(balance), fillDay, dayStart,
                after.isOpen() ? after : null, account.working(), number);
        return new Booked(updated, fill, realized);
    }

    /**
     * The bot's account; a new one at its first order. A flat account follows a bot whose symbol or interval
     * changed (its stops must be checked on the bot's klines); one in another margin asset starts afresh.
     */
    private PaperAccount account(BotDefinition bot) {
        PaperAccount account = accounts.get(bot.botId());
        String asset = rules.apply(bot.symbol()).map(SymbolRules::marginAsset).orElse("USDT");
        if (account == null || account.flat() && !account.asset().equals(asset)) {
            return PaperAccount.opened(bot.botId(), bot.symbol(), bot.interval(), asset,
                    settings.startingBalance(bot.market()));
        }
        if (account.flat() && (!account.symbol().equals(bot.symbol()) || account.interval() != bot.interval())) {
            return new PaperAccount(account.botId(), bot.symbol(), bot.interval(), account.asset(), account.balance(),
                    account.reservedMargin(), account.peakBalance(), account.day(), account.dayStartBalance(), null,
                    account.working(), account.fills());
        }
        return account;
    }

    /** The rules of the account's symbol, null when they are no longer known (the events then leave them out). */
    private SymbolRules rulesOf(PaperAccount account) {
        return rules.apply(account.symbol()).orElse(null);
    }

    private static PaperAccount withWorking(PaperAccount a, List<WorkingOrder> working) {
        return new PaperAccount(a.botId(), a.symbol(), a.interval(), a.asset(), a.balance(), a.reservedMargin(),
                a.peakBalance(), a.day(), a.dayStartBalance(), a.position(), working, a.fills());
    }

    private void store(PaperAccount account) {
        accounts.put(account.botId(), account);
        changed.add(account.botId());
    }

    /** The reference price moved against the trader by the slippage, rounded to the tick against the trader. */
    BigDecimal fillPrice(SymbolRules symbolRules, Side side, BigDecimal reference) {
        BigDecimal slippage = settings.slippageBps().divide(BPS);
        BigDecimal move = side == Side.BUY ? BigDecimal.ONE.add(slippage) : BigDecimal.ONE.subtract(slippage);
        return symbolRules.roundFillPrice(side, reference.multiply(move));
    }

    /** Value in the margin asset: quote for USD-M; the coin for COIN-M (contracts x contractSize / price). */
    private static BigDecimal marginNotional(SymbolRules symbolRules, BigDecimal quantity, BigDecimal price) {
        return Contract.of(symbolRules.market()).value(quantity, price, symbolRules.contractSize());
    }

    private BigDecimal fee(BigDecimal notional) {
        return notional.multiply(settings.takerFeeBps()).divide(BPS).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal margin(BigDecimal notional, int leverage) {
        return notional.divide(BigDecimal.valueOf(leverage), MONEY_SCALE, RoundingMode.HALF_EVEN);
    }
}
