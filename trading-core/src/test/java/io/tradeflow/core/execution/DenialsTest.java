package io.tradeflow.core.execution;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.order.Denial;
import io.tradeflow.core.order.DenyReason;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Fill;
import io.tradeflow.core.position.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.tradeflow.core.execution.Expect.assertOrders;
import static io.tradeflow.core.execution.Fixtures.BOT;
import static io.tradeflow.core.execution.Fixtures.BTCUSDT;
import static io.tradeflow.core.execution.Fixtures.BTCUSD_PERP;
import static io.tradeflow.core.execution.Fixtures.CLOCK;
import static io.tradeflow.core.execution.Fixtures.MINUTE;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.dec;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static io.tradeflow.core.execution.Fixtures.enterShort;
import static io.tradeflow.core.execution.Fixtures.exitLong;
import static io.tradeflow.core.execution.Fixtures.realRules;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pre-trade refusal: one DENIED order event with the reason's code, nothing placed, nothing booked. The halting
 * reasons (daily-loss-limit, max-drawdown, halted) are in {@link KillSwitchTest}.
 *
 * <p>The entry of most tests is the ENTER_LONG at 35567.2 of {@link PaperFillsTest}: 100 x 10 / 35567.2 -> 0.028,
 * notional at the reference 0.028 x 35567.2 = 995.8816; it fills at 35574.40 (notional 996.0832).
 */
class DenialsTest {

    private final SignalGenerated entry = enterLong(BOT, T0, "35567.2", "35400.05", "35800.07");

    @Test
    void aStoppedBotIsDenied() {
        Desk desk = new Desk();

        Trader.Decision decision = desk.signal(entry, bot(BOT, Venue.PAPER, BotStatus.STOPPED));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertOrders(decision.orders(),
                Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.BOT_NOT_RUNNING));
        assertThat(desk.venue.account(BOT)).isEmpty();
    }

    @Test
    void anUnknownOrDeletedBotIsDeniedAsNotRunningOnThePaperVenue() {
        Desk desk = new Desk();
        SignalGenerated exit = exitLong(BOT, T0, "35567.2");

        assertOrders(desk.trader.onSignal(entry, null, Fixtures.receivedAt(entry)).orders(),
                Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.BOT_NOT_RUNNING));
        // An exit of nothing is no order at all, whoever sends it (the issue: EXIT with nothing held -> no order).
        Trader.Decision nothing = desk.trader.onSignal(exit, null, Fixtures.receivedAt(exit));
        assertThat(nothing.outcome()).isEqualTo(Trader.Outcome.NOTHING_TO_EXIT);
        assertThat(nothing.orders()).isEmpty();
    }

    @Test
    void aStoppedBotThatHoldsAPositionHasItsExitDeniedAndItsBracketKept() {
        Desk desk = new Desk();
        desk.signal(entry, bot(BOT, Venue.PAPER, BotStatus.RUNNING));
        SignalGenerated exit = exitLong(BOT, T0 + 60_000, "35600");

        Trader.Decision decision = desk.signal(exit, bot(BOT, Venue.PAPER, BotStatus.STOPPED));

        // Its order would have been a reduce-only SELL of the exit role.
        assertOrders(decision.orders(),
                Expect.denied(exit, Venue.PAPER, OrderRole.EXIT, Side.SELL, "0", DenyReason.BOT_NOT_RUNNING));
        assertThat(desk.venue.account(BOT).orElseThrow().working()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"TESTNET", "LIVE"})
    void aBotOnAVenueThatCannotTakeOrdersHereIsDenied(Venue venue) {
        Desk desk = new Desk();

        Trader.Decision decision = desk.signal(entry, bot(BOT, venue, BotStatus.RUNNING));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertOrders(decision.orders(),
                Expect.denied(entry, venue, OrderRole.ENTRY, Side.BUY, "0", DenyReason.VENUE_UNAVAILABLE));
        assertThat(desk.venue.accounts()).isEmpty();
    }

    @Test
    void aSignalOlderThanMaxSignalDelayIsDeniedAndOneJustInTimeIsNot() {
        // Default max-signal-delay: 30 s after producedAt.
        assertThat(RiskLimits.DEFAULTS.maxSignalDelay()).isEqualTo(Duration.ofSeconds(30));
        Desk desk = new Desk();

        Trader.Decision late = desk.trader.onSignal(entry, bot(BOT), entry.producedAt() + 30_001);

        assertThat(late.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertOrders(late.orders(),
                Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.STALE_SIGNAL));
        assertThat(late.detail()).contains("30001 ms");
        assertThat(desk.venue.accounts()).isEmpty();

        Trader.Decision inTime = desk.trader.onSignal(entry, bot(BOT), entry.producedAt() + 30_000);
        assertThat(inTime.outcome()).isEqualTo(Trader.Outcome.ENTERED);
    }

    @Test
    void anEntryInTheDirectionHeldIsDenied() {
        Desk desk = new Desk();
        desk.signal(entry, bot(BOT));
        PaperAccount before = desk.account(BOT);
        SignalGenerated again = enterLong(BOT, T0 + MINUTE, "35620.5", "35500", "35800");

        Trader.Decision decision = desk.signal(again, bot(BOT));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertOrders(decision.orders(),
                Expect.denied(again, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.POSITION_OPEN));
        assertThat(desk.account(BOT)).isEqualTo(before);
    }

    @Test
    void aReversalWhoseExitIsNotFilledPlacesNoEntryAndKeepsTheBracket() {
        // A venue whose exits are accepted but not filled (a live venue that refused or has not filled it yet): after
        // the exit of a reversal the bot still holds its long, so no short goes on top of it and its stop and target
        // stay. The paper venue fills an exit at once, so there this never happens.
        PendingExitVenue venue = new PendingExitVenue();
        Trader trader = new Trader(kind -> Optional.of(venue), realRules(), RiskLimits.DEFAULTS,
                new PaperVenue(PaperSettings.DEFAULTS, realRules(), CLOCK), CLOCK);
        BotDefinition bot = bot(BOT);
        SignalGenerated reversal = enterShort(BOT, T0 + MINUTE, "35620.5", "35750.05", "35400.01");
        Expect exit = Expect.market(bot, reversal, OrderRole.EXIT, Side.SELL, "0.028");

        Trader.Decision decision = trader.onSignal(reversal, bot, Fixtures.receivedAt(reversal));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOT_FILLED);
        assertOrders(decision.orders(), exit.accepted(reversal.eventTime()));
        assertThat(venue.canceled).as("brackets canceled while the position is still open").isZero();
    }

    @Test
    void anEntryBeyondTheOpenPositionsOfAllBotsIsDenied() {
        Desk desk = new Desk(PaperSettings.DEFAULTS, limits(1, "1000000", "5000000"));
        desk.signal(entry, bot(BOT));
        SignalGenerated other = enterLong("other", T0, "35567.2", "35400.05", "35800.07");

        Trader.Decision decision = desk.signal(other, bot("other"));

        assertOrders(decision.orders(), Expect.denied(other, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0.028",
                DenyReason.MAX_OPEN_POSITIONS_TOTAL));
        assertThat(desk.venue.account("other")).isEmpty();
    }

    @Test
    void anEntryBeyondTheNotionalOfItsSymbolIsDenied() {
        // The first bot holds 0.028 x 35574.40 = 996.0832 (at its entry price); a second entry of 995.8816 (at the
        // reference) would make 1991.9648.
        Desk denying = new Desk(PaperSettings.DEFAULTS, limits(50, "1991.9647", "5000000"));
        denying.signal(entry, bot(BOT));
        SignalGenerated other = enterLong("other", T0, "35567.2", "35400.05", "35800.07");

        Trader.Decision decision = denying.signal(other, bot("other"));

        assertOrders(decision.orders(), Expect.denied(other, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0.028",
                DenyReason.MAX_NOTIONAL_SYMBOL));
        assertThat(decision.detail()).contains("1991.9648");

        // Up to the limit is allowed.
        Desk allowing = new Desk(PaperSettings.DEFAULTS, limits(50, "1991.9648", "5000000"));
        allowing.signal(entry, bot(BOT));
        assertThat(allowing.signal(other, bot("other")).outcome()).isEqualTo(Trader.Outcome.ENTERED);
    }

    @Test
    void anEntryBeyondTheNotionalOfAllBotsIsDeniedAcrossSymbols() {
        // A COIN-M bot holds 35 BTCUSD_PERP contracts of 100 USD = 3500 (0.01 BTC x 10 x 35567.2 / 100 = 35.5672 ->
        // 35). BTCUSDT alone would be 995.8816, under its 4000; all bots together 4495.8816, over 4000.
        Desk desk = new Desk(PaperSettings.DEFAULTS, limits(50, "4000", "4000"));
        BotDefinition coinBot = bot("btc-coin", BTCUSD_PERP, Market.COIN_M, "0.01", 10, Venue.PAPER,
                BotStatus.RUNNING);
        SignalGenerated coinEntry = Fixtures.signal("btc-coin", BTCUSD_PERP, T0, SignalAction.ENTER_LONG, "35567.2",
                "35400.0", "35800.0");
        assertThat(desk.signal(coinEntry, coinBot).outcome()).isEqualTo(Trader.Outcome.ENTERED);

        Trader.Decision decision = desk.signal(entry, bot(BOT));

        assertOrders(decision.orders(), Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0.028",
                DenyReason.MAX_NOTIONAL_TOTAL));
        assertThat(decision.detail()).contains("4495.8816");
    }

    @Test
    void anEntryOnASymbolWithoutRulesIsDenied() {
        Desk desk = new Desk(PaperSettings.DEFAULTS, RiskLimits.DEFAULTS, symbol -> Optional.empty());

        Trader.Decision decision = desk.signal(entry, bot(BOT));

        assertOrders(decision.orders(),
                Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.UNKNOWN_SYMBOL));
        assertThat(desk.venue.accounts()).isEmpty();
    }

    @Test
    void aQuantityThatRoundsDownToZeroIsBelowTheMinimum() {
        // 0.03 x 1 / 35567.2 = 0.00000084 -> 0.000, under minQty 0.001.
        Desk desk = new Desk();

        Trader.Decision decision = desk.signal(entry, bot(BOT, "0.03", 1));

        assertOrders(decision.orders(),
                Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.QUANTITY_BELOW_MIN));
        assertThat(desk.venue.accounts()).isEmpty();
    }

    @Test
    void aQuantityOverTheMaximumIsDenied() {
        // 300000 x 125 / 35567.2 = 1054.3422... -> 1054.342, over the market maxQty 1000.
        Trader.Decision decision = new Desk().signal(entry, bot(BOT, "300000", 125));

        assertOrders(decision.orders(), Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "1054.342",
                DenyReason.QUANTITY_ABOVE_MAX));
    }

    @Test
    void aNotionalUnderTheMinimumIsDenied() {
        // 9 x 10 / 35567.2 = 0.00253 -> 0.002; 0.002 x 35567.2 = 71.1344, under MIN_NOTIONAL 100.
        Trader.Decision decision = new Desk().signal(entry, bot(BOT, "9", 10));

        assertOrders(decision.orders(),
                Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0.002", DenyReason.NOTIONAL_BELOW_MIN));
        assertThat(decision.detail()).contains("71.1344");
    }

    @Test
    void anEntryTheWalletCannotCarryIsDeniedAndOneItJustCanIsNot() {
        // Margin 996.0832 / 10 = 99.60832 plus the fee 0.4980416 = 100.1063616 needed.
        Desk poor = new Desk(new PaperSettings(dec("2"), dec("5"), dec("100.1063615")), RiskLimits.DEFAULTS);

        Trader.Decision decision = poor.signal(entry, bot(BOT));

        assertOrders(decision.orders(), Expect.denied(entry, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0.028",
                DenyReason.INSUFFICIENT_MARGIN));
        assertThat(decision.detail()).contains("100.1063616");
        assertThat(poor.venue.position(BOT)).isEmpty();

        Desk enough = new Desk(new PaperSettings(dec("2"), dec("5"), dec("100.1063616")), RiskLimits.DEFAULTS);
        assertThat(enough.signal(entry, bot(BOT)).outcome()).isEqualTo(Trader.Outcome.ENTERED);
        // 100.1063616 - fee 0.4980416 = 99.60832 balance, all of it held as margin.
        assertThat(enough.account(BOT).available()).isEqualByComparingTo("0");
    }

    private static RiskLimits limits(int maxOpenPositions, String maxNotionalPerSymbol, String maxNotionalTotal) {
        return new RiskLimits(maxOpenPositions, dec(maxNotionalPerSymbol), dec(maxNotionalTotal), dec("5"),
                dec("20"), Duration.ofSeconds(30));
    }

    /** A venue that still reports the bot's long after taking its exit order: the exit is accepted, not filled. */
    private static final class PendingExitVenue implements TradingVenue {
        int canceled;
        private final Position held = Position.open(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT",
                new Fill(Side.BUY, dec("0.028"), dec("35574.40"), dec("0.4980416"), "USDT", T0 + MINUTE + 12, "t-1"));

        @Override
        public Optional<Position> position(String botId) {
            return Optional.of(held);
        }

        @Override
        public Optional<Balances> balances(String botId) {
            return Optional.empty();
        }

        @Override
        public Optional<Denial> affordable(PlaceOrder entry) {
            return Optional.empty();
        }

        @Override
        public List<OrderUpdated> market(PlaceOrder order) {
            return List.of(OrderEvents.of(order).accepted(order.time(), CLOCK.getAsLong()));
        }

        @Override
        public List<OrderUpdated> conditional(PlaceOrder order) {
            throw new AssertionError("no entry was expected, so no bracket: " + order);
        }

        @Override
        public List<OrderUpdated> cancelWorking(String botId, long time) {
            canceled++;
            return List.of();
        }

        @Override
        public void restartLossLimits(String botId, long time) {
            throw new AssertionError("the bot was not resumed");
        }
    }
}
