package io.tradeflow.core.execution;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.order.DenyReason;
import io.tradeflow.core.order.Sizing;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.core.position.Position;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Turns a signal into orders: decides from the bot's real position at its venue (the strategy never sees stop-outs,
 * so its own idea can be stale), runs the pre-trade risk checks, sizes the entry to the symbol's rules and asks the
 * venue. Every refusal is a {@code DENIED} order event with a {@link DenyReason}.
 *
 * <table>
 *   <caption>What a signal does</caption>
 *   <tr><th>signal</th><th>held at the venue</th><th>orders</th></tr>
 *   <tr><td>ENTER_x</td><td>nothing</td><td>entry at market, then stop-loss and take-profit</td></tr>
 *   <tr><td>ENTER_x</td><td>x</td><td>DENIED {@code position-open}</td></tr>
 *   <tr><td>ENTER_x</td><td>the opposite</td><td>exit at market, cancel its bracket, then the entry as above</td></tr>
 *   <tr><td>EXIT_x</td><td>x</td><td>exit at market, cancel the bracket</td></tr>
 *   <tr><td>EXIT_x</td><td>nothing or the opposite</td><td>none (outcome {@link Outcome#NOTHING_TO_EXIT})</td></tr>
 * </table>
 *
 * <p>A bot stopped with {@code closePosition} has its position closed by {@link #closeStopped} at its next kline:
 * exit at market (close reason MANUAL), cancel the bracket, once per definition version.
 *
 * <p>Checks, in order: bot running, venue available (any signal); then for entries only (exits reduce risk and always
 * run): stale signal, halted, daily loss limit, max drawdown (both halt the bot), symbol rules known, quantity and
 * notional within the rules, max open positions of the bot and in total, max notional of the symbol and in total,
 * margin. Deterministic: nothing but the signal's receipt time (for staleness) comes from the clock.
 *
 * <p>One thread feeds it signals and klines; {@link #resume} may come from another.
 */
public final class Trader {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** What a signal came to. */
    public enum Outcome { ENTERED, EXITED, REVERSED, DENIED, NOTHING_TO_EXIT, NOT_FILLED }

    /**
     * @param orders the order events, in order
     * @param detail a sentence for the log: why denied, what was entered
     */
    public record Decision(List<OrderUpdated> orders, Outcome outcome, String detail) {
    }

    private final Function<Venue, Optional<TradingVenue>> venues;
    private final Function<Symbol, Optional<SymbolRules>> rules;
    private final RiskLimits limits;
    private final Exposure exposure;
    private final LongSupplier clock;
    private final Map<String, Halt> halts = new ConcurrentHashMap<>();
    /** Bots resumed since their last entry: their loss limits restart from the balance at that entry. */
    private final Set<String> resumed = ConcurrentHashMap.newKeySet();
    private final List<Halt> newHalts = new ArrayList<>();
    private final List<String> appliedResumes = new ArrayList<>();
    /** clientOrderIds of the closes placed ({@link ClientOrderIds#ofClose}): each definition version closes once. */
    private final Set<String> closes = ConcurrentHashMap.newKeySet();

    /**
     * @param venues   the venue of each kind that can take orders here; empty for one that cannot
     * @param exposure what all bots hold, for the limits across bots
     * @param clock    wall-clock epoch ms, only for {@code producedAt}
     */
    public Trader(Function<Venue, Optional<TradingVenue>> venues, Function<Symbol, Optional<SymbolRules>> rules,
                  RiskLimits limits, Exposure exposure, LongSupplier clock) {
        this.venues = venues;
        this.rules = rules;
        this.limits = limits;
        this.exposure = exposure;
        this.clock = clock;
    }

    /** Puts back a halt read from storage. */
    public void restoreHalt(Halt halt) {
        halts.put(halt.botId(), halt);
        resumed.remove(halt.botId());
    }

    /** Forgets every halt and resume (before they are read from storage again). */
    public void clearHalts() {
        halts.clear();
        resumed.clear();
    }

    /** Puts back a resume read from storage that the bot's next entry has not applied yet. */
    public void restoreResume(String botId) {
        halts.remove(botId);
        resumed.add(botId);
    }

    /**
     * Forgets the closes placed and puts back those read from storage (the clientOrderIds of stored manual EXIT
     * orders), so that a version closed before a restart is not closed again.
     */
    public void restoreCloses(Collection<String> clientOrderIds) {
        closes.clear();
        closes.addAll(clientOrderIds);
    }

    public Optional<Halt> halt(String botId) {
        return Optional.ofNullable(halts.get(botId));
    }

    /** Every bot halted now, by bot id. */
    public List<Halt> halts() {
        return halts.values().stream().sorted(Comparator.comparing(Halt::botId)).toList();
    }

    /**
     * Lifts the bot's halt; returns it, or empty when the bot was not halted. The losses so far are accepted: from the
     * bot's next entry its daily loss and drawdown count from its balance then
     * ({@link TradingVenue#restartLossLimits}), or the breach that tripped the halt would trip it again at once (for
     * good, for the drawdown, since a flat bot's balance cannot recover).
     */
    public Optional<Halt> resume(String botId) {
        Halt lifted = halts.remove(botId);
        if (lifted != null) {
            resumed.add(botId);
        }
        return Optional.ofNullable(lifted);
    }

    /** Halts tripped since the last call, for the caller to store with the events. */
    public List<Halt> drainNewHalts() {
        List<Halt> result = List.copyOf(newHalts);
        newHalts.clear();
        return result;
    }

    /** Bots whose resume an entry applied since the last call (their loss limits restarted), for the caller to store. */
    public List<String> drainAppliedResumes() {
        List<String> result = List.copyOf(appliedResumes);
        appliedResumes.clear();
        return result;
    }

    /**
     * @param bot        the bot's definition as last read from {@code bots.v1}; null when unknown or deleted
     * @param receivedAt epoch ms the signal reached execution, for the staleness check
     */
    public Decision onSignal(SignalGenerated signal, BotDefinition bot, long receivedAt) {
        SignalAction action = signal.action();
        OrderRole role = action.isEntry() ? OrderRole.ENTRY : OrderRole.EXIT;
        if (bot == null || bot.status() != BotStatus.RUNNING) {
            if (action.isExit() && holds(bot, signal.botId(), action).isEmpty()) {
                return new Decision(List.of(), Outcome.NOTHING_TO_EXIT, "no " + action.direction() + " position held");
            }
            return denied(signal, bot, role, BigDecimal.ZERO, new Denial(DenyReason.BOT_NOT_RUNNING, "bot "
                    + signal.botId() + (bot == null ? " is not defined on bots.v1" : " is " + bot.status())));
        }
        Optional<TradingVenue> found = venues.apply(bot.venue());
        if (found.isEmpty()) {
            return denied(signal, bot, role, BigDecimal.ZERO, new Denial(DenyReason.VENUE_UNAVAILABLE,
                    "venue " + bot.venue() + " is not available now (not configured or not ready; see execution-service's"
                            + " readiness)"));
        }
        TradingVenue venue = found.get();
        Optional<Position> held = venue.position(bot.botId());
        if (action.isExit()) {
            if (held.isEmpty() || held.get().direction() != action.direction()) {
                return new Decision(List.of(), Outcome.NOTHING_TO_EXIT, "no " + action.direction() + " position held"
                        + held.map(p -> " (holds " + p.direction() + ")").orElse(""));
            }
            return exitAndCancel(signal, bot, venue, held.get(), CloseReason.SIGNAL_EXIT)
                    .map(orders -> new Decision(orders, Outcome.EXITED, "exited " + held.get().quantity().toPlainString()))
                    .orElseGet(() -> unknownSymbol(signal, bot, role));
        }
        if (held.isPresent() && held.get().direction() == action.direction()) {
            return denied(signal, bot, role, BigDecimal.ZERO, new Denial(DenyReason.POSITION_OPEN,
                    "already " + action.direction() + " " + held.get().quantity().toPlainString()));
        }
        List<OrderUpdated> orders = new ArrayList<>();
        if (held.isPresent()) {
            Optional<List<OrderUpdated>> exit = exitAndCancel(signal, bot, venue, held.get(), CloseReason.REVERSAL);
            if (exit.isEmpty()) {
                return unknownSymbol(signal, bot, role);
            }
            orders.addAll(exit.get());
            if (venue.position(bot.botId()).isPresent()) {
                // The exit did not close it (refused at the venue): no entry the other way on top of it.
                return new Decision(List.copyOf(orders), Outcome.NOT_FILLED, "exit of " + held.get().direction()
                        + " before the reversal not filled (" + lastStatus(orders, orders.get(0).clientOrderId())
                        + "); no entry");
            }
        }
        Decision entry = enter(signal, bot, venue, receivedAt);
        orders.addAll(entry.orders());
        Outcome outcome = held.isPresent() && entry.outcome() == Outcome.ENTERED ? Outcome.REVERSED : entry.outcome();
        String detail = held.isPresent() ? "exited " + held.get().direction() + ", " + entry.detail() : entry.detail();
        return new Decision(List.copyOf(orders), outcome, detail);
    }

    /**
     * Closes the position of a bot stopped with {@code closePosition} (a person asked for it through gateway-api) at
     * the close of {@code kline}, the bot's next kline of the position's series: an EXIT at market, reduce-only,
     * close reason MANUAL, then the bracket canceled, filled as an exit signal on that kline would be. Never refused
     * by a halt or a limit: it reduces risk. Once per definition version: the order's id is
     * {@link ClientOrderIds#ofClose} of the version, and a version that closed once places nothing again, so a
     * definition read again (a redelivery, or {@code bots.v1} re-read from its start after a failure, which briefly
     * shows older versions) cannot close a later position. No signal caused it: the events have no {@code signalId}.
     *
     * @return the orders (outcome EXITED); none (outcome NOTHING_TO_EXIT) when the bot is not stopped with
     *         {@code closePosition}, this version already closed, or nothing is held here on the kline's symbol
     */
    public Decision closeStopped(BotDefinition bot, KlineClosed kline) {
        if (bot.status() != BotStatus.STOPPED || !bot.closePosition()) {
            return new Decision(List.of(), Outcome.NOTHING_TO_EXIT, "not stopped with closePosition");
        }
        String clientOrderId = ClientOrderIds.ofClose(bot);
        if (closes.contains(clientOrderId)) {
            return new Decision(List.of(), Outcome.NOTHING_TO_EXIT, "version " + bot.eventId() + " already closed");
        }
        Optional<TradingVenue> found = venues.apply(bot.venue());
        Optional<Position> held = found.flatMap(v -> v.position(bot.botId()))
                .filter(p -> p.symbol().equals(kline.symbol()));
        if (held.isEmpty()) {
            return new Decision(List.of(), Outcome.NOTHING_TO_EXIT, "no position held on " + kline.symbol());
        }
        TradingVenue venue = found.get();
        Position position = held.get();
        Side side = position.direction() == Direction.LONG ? Side.SELL : Side.BUY;
        closes.add(clientOrderId);
        Optional<SymbolRules> symbolRules = rules.apply(position.symbol());
        if (symbolRules.isEmpty()) {
            Denial denial = new Denial(DenyReason.UNKNOWN_SYMBOL, "no symbol rules (exchangeInfo) for " + position.symbol());
            OrderEvents events = new OrderEvents(clientOrderId, bot.botId(), null, position.symbol(), bot.venue(),
                    OrderRole.EXIT, side, OrderType.MARKET, position.quantity(), null, true, null, CloseReason.MANUAL);
            return new Decision(List.of(events.denied(denial, kline.eventTime(), clock.getAsLong())), Outcome.DENIED,
                    denial.reason().code() + ": " + denial.detail());
        }
        SymbolRules r = symbolRules.get();
        PlaceOrder exit = new PlaceOrder(clientOrderId, null, holding(bot, position, r), r, OrderRole.EXIT, side,
                OrderType.MARKET, position.quantity(), null, true, kline.close(), kline.openTime(), kline.eventTime(),
                CloseReason.MANUAL);
        List<OrderUpdated> orders = new ArrayList<>(venue.market(exit));
        orders.addAll(venue.cancelWorking(bot.botId(), kline.eventTime()));
        return new Decision(List.copyOf(orders), Outcome.EXITED, "closed " + position.direction() + " "
                + position.quantity().toPlainString() + " (stopped with closePosition, version " + bot.eventId() + ")");
    }

    /**
     * The bot as the holder of {@code position}: a bot whose symbol changed while it held a position keeps that
     * position on its old symbol, and the close's events must name that symbol.
     */
    private static BotDefinition holding(BotDefinition bot, Position position, SymbolRules r) {
        if (bot.symbol().equals(position.symbol())) {
            return bot;
        }
        return new BotDefinition(bot.botId(), bot.name(), r.market(), position.symbol(), bot.interval(),
                bot.strategy(), bot.risk(), bot.venue(), bot.status(), bot.closePosition(), bot.eventTime(),
                bot.producedAt());
    }

    /** What a bot that may be stopped or gone holds in the signal's direction, as far as any venue here knows. */
    private Optional<Position> holds(BotDefinition bot, String botId, SignalAction action) {
        Optional<TradingVenue> venue = bot == null ? venues.apply(Venue.PAPER) : venues.apply(bot.venue());
        return venue.flatMap(v -> v.position(botId)).filter(p -> p.direction() == action.direction());
    }

    private Decision enter(SignalGenerated signal, BotDefinition bot, TradingVenue venue, long receivedAt) {
        long age = receivedAt - signal.producedAt();
        if (age > limits.maxSignalDelay().toMillis()) {
            return denied(signal, bot, OrderRole.ENTRY, BigDecimal.ZERO, new Denial(DenyReason.STALE_SIGNAL, "reached "
                    + "execution " + age + " ms after it was produced (max-signal-delay " + limits.maxSignalDelay() + ")"));
        }
        Optional<Denial> halted = haltCheck(signal, bot, venue);
        if (halted.isPresent()) {
            return denied(signal, bot, OrderRole.ENTRY, BigDecimal.ZERO, halted.get());
        }
        Optional<SymbolRules> symbolRules = rules.apply(bot.symbol());
        if (symbolRules.isEmpty()) {
            return unknownSymbol(signal, bot, OrderRole.ENTRY);
        }
        SymbolRules r = symbolRules.get();
        BigDecimal price = signal.referencePrice();
        BigDecimal quantity = Sizing.quantity(r, bot.risk().marginPerTrade(), bot.risk().leverage(), price);
        Direction direction = signal.action().direction();
        PlaceOrder entry = order(signal, bot, r, OrderRole.ENTRY, direction == Direction.LONG ? Side.BUY : Side.SELL,
                OrderType.MARKET, quantity, null, false);
        Optional<Denial> refused = r.checkMarketOrder(quantity, price, false)
                .or(() -> limitsCheck(bot, r, venue, quantity, price))
                .or(() -> venue.affordable(entry));
        if (refused.isPresent()) {
            return denied(signal, bot, OrderRole.ENTRY, quantity, refused.get());
        }
        List<OrderUpdated> orders = new ArrayList<>(venue.market(entry));
        // A real venue may reject the entry or fill only part of it: the brackets cover what filled, and nothing is
        // placed for an entry that did not fill (the paper venue always fills it whole).
        BigDecimal filled = filledQuantity(orders, entry.clientOrderId());
        if (filled.signum() == 0) {
            return new Decision(orders, Outcome.NOT_FILLED, "entry " + direction + " " + quantity.toPlainString()
                    + " not filled (" + lastStatus(orders, entry.clientOrderId()) + "); no stop or target placed");
        }
        Side close = entry.side() == Side.BUY ? Side.SELL : Side.BUY;
        BigDecimal stop = r.roundStopLoss(direction, signal.stopLoss());
        BigDecimal target = r.roundTakeProfit(direction, signal.takeProfit());
        orders.addAll(venue.conditional(order(signal, bot, r, OrderRole.STOP_LOSS, close, OrderType.STOP_MARKET,
                filled, stop, true)));
        orders.addAll(venue.conditional(order(signal, bot, r, OrderRole.TAKE_PROFIT, close,
                OrderType.TAKE_PROFIT_MARKET, filled, target, true)));
        return new Decision(orders, Outcome.ENTERED, "entered " + direction + " " + filled.toPlainString()
                + (filled.compareTo(quantity) == 0 ? "" : " of " + quantity.toPlainString()) + ", stop "
                + stop.toPlainString() + ", target " + target.toPlainString());
    }

    /** The filled quantity of order {@code clientOrderId} after {@code events} (its last event's), 0 when none. */
    private static BigDecimal filledQuantity(List<OrderUpdated> events, String clientOrderId) {
        return events.stream().filter(e -> e.clientOrderId().equals(clientOrderId)).reduce((a, b) -> b)
                .map(OrderUpdated::filledQuantity).orElse(BigDecimal.ZERO);
    }

    private static String lastStatus(List<OrderUpdated> events, String clientOrderId) {
        return events.stream().filter(e -> e.clientOrderId().equals(clientOrderId)).reduce((a, b) -> b)
                .map(e -> e.status() + (e.rejectReason() == null ? "" : ": " + e.rejectReason())).orElse("no answer");
    }

    private Optional<Denial> haltCheck(SignalGenerated signal, BotDefinition bot, TradingVenue venue) {
        Halt halt = halts.get(bot.botId());
        if (halt != null) {
            return Optional.of(new Denial(DenyReason.HALTED, "halted since " + halt.at() + " (" + halt.reason().code()
                    + ": " + halt.detail() + "); resume the bot to trade again"));
        }
        if (resumed.remove(bot.botId())) {
            venue.restartLossLimits(bot.botId(), signal.eventTime());
            appliedResumes.add(bot.botId());
        }
        Optional<Balances> balances = venue.balances(bot.botId());
        if (balances.isEmpty()) {
            return Optional.empty();
        }
        Balances b = balances.get();
        long today = Math.floorDiv(signal.eventTime(), 86_400_000L);
        if (b.day() == today && b.dayStartBalance().signum() > 0) {
            BigDecimal loss = percentBelow(b.balance(), b.dayStartBalance());
            if (loss.compareTo(limits.dailyLossPercent()) >= 0) {
                return Optional.of(trip(bot, DenyReason.DAILY_LOSS_LIMIT, "balance " + b.balance().toPlainString()
                        + " is " + loss.toPlainString() + "% below the day's start " + b.dayStartBalance().toPlainString()
                        + " (limit " + limits.dailyLossPercent().toPlainString() + "%)", signal.eventTime()));
            }
        }
        if (b.peakBalance().signum() > 0) {
            BigDecimal drawdown = percentBelow(b.balance(), b.peakBalance());
            if (drawdown.compareTo(limits.maxDrawdownPercent()) >= 0) {
                return Optional.of(trip(bot, DenyReason.MAX_DRAWDOWN, "balance " + b.balance().toPlainString() + " is "
                        + drawdown.toPlainString() + "% below its peak " + b.peakBalance().toPlainString()
                        + " (limit " + limits.maxDrawdownPercent().toPlainString() + "%)", signal.eventTime()));
            }
        }
        return Optional.empty();
    }

    private Denial trip(BotDefinition bot, DenyReason reason, String detail, long at) {
        Halt halt = new Halt(bot.botId(), reason, detail, at);
        halts.put(bot.botId(), halt);
        newHalts.add(halt);
        return new Denial(reason, detail + "; the bot is halted until resumed");
    }

    private Optional<Denial> limitsCheck(BotDefinition bot, SymbolRules r, TradingVenue venue, BigDecimal quantity,
                                         BigDecimal price) {
        int botPositions = venue.position(bot.botId()).isPresent() ? 1 : 0;
        if (botPositions >= bot.risk().maxOpenPositions()) {
            return Optional.of(new Denial(DenyReason.MAX_OPEN_POSITIONS, "bot holds " + botPositions
                    + " of its " + bot.risk().maxOpenPositions() + " positions"));
        }
        if (exposure.openPositions() >= limits.maxOpenPositions()) {
            return Optional.of(new Denial(DenyReason.MAX_OPEN_POSITIONS_TOTAL, "all bots hold "
                    + exposure.openPositions() + " positions (max-open-positions " + limits.maxOpenPositions() + ")"));
        }
        BigDecimal notional = r.notional(quantity, price);
        BigDecimal symbolAfter = exposure.openNotional(bot.symbol()).add(notional);
        if (symbolAfter.compareTo(limits.maxNotionalPerSymbol()) > 0) {
            return Optional.of(new Denial(DenyReason.MAX_NOTIONAL_SYMBOL, "open notional of " + bot.symbol()
                    + " would be " + symbolAfter.toPlainString() + " (max-notional-per-symbol "
                    + limits.maxNotionalPerSymbol().toPlainString() + ")"));
        }
        BigDecimal totalAfter = exposure.openNotional().add(notional);
        if (totalAfter.compareTo(limits.maxNotionalTotal()) > 0) {
            return Optional.of(new Denial(DenyReason.MAX_NOTIONAL_TOTAL, "open notional of all bots would be "
                    + totalAfter.toPlainString() + " (max-notional-total " + limits.maxNotionalTotal().toPlainString() + ")"));
        }
        return Optional.empty();
    }

    /** Exit at market and cancel the bracket; empty when the symbol's rules are unknown. */
    private Optional<List<OrderUpdated>> exitAndCancel(SignalGenerated signal, BotDefinition bot, TradingVenue venue,
                                                       Position held, CloseReason reason) {
        Optional<SymbolRules> symbolRules = rules.apply(bot.symbol());
        if (symbolRules.isEmpty()) {
            return Optional.empty();
        }
        Side side = held.direction() == Direction.LONG ? Side.SELL : Side.BUY;
        PlaceOrder exit = order(signal, bot, symbolRules.get(), OrderRole.EXIT, side, OrderType.MARKET,
                held.quantity(), null, true);
        List<OrderUpdated> orders = new ArrayList<>(venue.market(withReason(exit, reason)));
        // A real venue may refuse the exit: the position then keeps its stop and target.
        if (filledQuantity(orders, exit.clientOrderId()).signum() > 0) {
            orders.addAll(venue.cancelWorking(bot.botId(), signal.eventTime()));
        }
        return Optional.of(orders);
    }

    private Decision unknownSymbol(SignalGenerated signal, BotDefinition bot, OrderRole role) {
        return denied(signal, bot, role, BigDecimal.ZERO, new Denial(DenyReason.UNKNOWN_SYMBOL,
                "no symbol rules (exchangeInfo) for " + signal.symbol()));
    }

    private Decision denied(SignalGenerated signal, BotDefinition bot, OrderRole role, BigDecimal quantity,
                            Denial denial) {
        Direction direction = signal.action().direction();
        boolean entry = role == OrderRole.ENTRY;
        Side side = (direction == Direction.LONG) == entry ? Side.BUY : Side.SELL;
        OrderEvents events = new OrderEvents(ClientOrderIds.of(signal.signalId(), role), signal.botId(),
                signal.signalId(), signal.symbol(), bot == null ? Venue.PAPER : bot.venue(), role, side, OrderType.MARKET,
                quantity, null, !entry, null, null);
        return new Decision(List.of(events.denied(denial, signal.eventTime(), clock.getAsLong())), Outcome.DENIED,
                denial.reason().code() + ": " + denial.detail());
    }

    private static PlaceOrder order(SignalGenerated signal, BotDefinition bot, SymbolRules r, OrderRole role, Side side,
                                    OrderType type, BigDecimal quantity, BigDecimal trigger, boolean reduceOnly) {
        return new PlaceOrder(ClientOrderIds.of(signal.signalId(), role), signal.signalId(), bot, r, role, side, type,
                quantity, trigger, reduceOnly, signal.referencePrice(), signal.klineOpenTime(), signal.eventTime(),
                null);
    }

    private static PlaceOrder withReason(PlaceOrder o, CloseReason reason) {
        return new PlaceOrder(o.clientOrderId(), o.signalId(), o.bot(), o.rules(), o.role(), o.side(), o.type(),
                o.quantity(), o.triggerPrice(), o.reduceOnly(), o.referencePrice(), o.klineOpenTime(), o.time(), reason);
    }

    /** How many percent {@code value} is below {@code reference}, 4 places. */
    private static BigDecimal percentBelow(BigDecimal value, BigDecimal reference) {
        return reference.subtract(value).multiply(HUNDRED).divide(reference, 4, RoundingMode.HALF_EVEN);
    }
}
