package io.tradeflow.core.execution;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.order.DenyReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.tradeflow.core.execution.Expect.assertOrders;
import static io.tradeflow.core.execution.Fixtures.BOT;
import static io.tradeflow.core.execution.Fixtures.DAY;
import static io.tradeflow.core.execution.Fixtures.DAY_OF_T0;
import static io.tradeflow.core.execution.Fixtures.MINUTE;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.dec;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static io.tradeflow.core.execution.Fixtures.enterShort;
import static io.tradeflow.core.execution.Fixtures.exitLong;
import static io.tradeflow.core.execution.Fixtures.kline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily loss limit and max drawdown: they deny the entry that finds the breach and halt the bot; a halted bot's
 * entries are denied ({@code halted}) until an explicit resume; exits still run.
 *
 * <p>The loss of every test: the long of {@link PaperFillsTest} (fee 0.4980416) stopped out through a gap on the next
 * kline at 35292.90 (PnL -7.882, fee 0.4941006): balance 10000 - 8.8741422 = 9991.1258578, which is
 * 8.8741422 x 100 / 10000 = 0.0887% below both the day's start and the peak (10000). The limits are set just under
 * and over that: 0.05% and 0.08% (the defaults, 5% and 20%, would need a far larger position).
 */
class KillSwitchTest {

    private final BotDefinition bot = bot(BOT);

    /** Enters on the kline opening at {@code klineOpenTime} and is stopped out through a gap on the next one. */
    private static void loseOnce(Desk desk, BotDefinition bot, long klineOpenTime) {
        SignalGenerated entry = enterLong(bot.botId(), klineOpenTime, "35567.2", "35400.05", "35800.07");
        assertThat(desk.signal(entry, bot).outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(desk.kline(kline(klineOpenTime + MINUTE, "35300.0", "35350.0", "35250.0", "35320.0")))
                .hasSize(2);
    }

    private static SignalGenerated entryAt(long klineOpenTime) {
        return enterLong(BOT, klineOpenTime, "35567.2", "35400.05", "35800.07");
    }

    private static Desk desk(String dailyLossPercent, String maxDrawdownPercent) {
        return new Desk(PaperSettings.DEFAULTS, new RiskLimits(50, dec("1000000"), dec("5000000"),
                dec(dailyLossPercent), dec(maxDrawdownPercent), Duration.ofSeconds(30)));
    }

    @Test
    void aDailyLossOverTheLimitDeniesTheEntryAndHaltsTheBot() {
        Desk desk = desk("0.05", "20");
        loseOnce(desk, bot, T0);
        assertThat(desk.account(BOT).balance()).isEqualByComparingTo("9991.1258578");
        SignalGenerated next = entryAt(T0 + 2 * MINUTE);

        Trader.Decision decision = desk.signal(next, bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertOrders(decision.orders(),
                Expect.denied(next, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.DAILY_LOSS_LIMIT));
        assertThat(decision.detail()).contains("0.0887");
        Halt halt = desk.trader.halt(BOT).orElseThrow();
        assertThat(halt.reason()).isEqualTo(DenyReason.DAILY_LOSS_LIMIT);
        assertThat(halt.at()).isEqualTo(next.eventTime());
        // Tripped once: handed to the caller to store, once.
        assertThat(desk.trader.drainNewHalts()).containsExactly(halt);
        assertThat(desk.trader.drainNewHalts()).isEmpty();
    }

    @Test
    void aHaltedBotsEntriesAreDeniedAsHaltedEvenOnALaterDay() {
        Desk desk = desk("0.05", "20");
        loseOnce(desk, bot, T0);
        desk.signal(entryAt(T0 + 2 * MINUTE), bot);
        desk.trader.drainNewHalts();

        for (long klineOpenTime : new long[] {T0 + 3 * MINUTE, T0 + DAY}) {
            SignalGenerated next = entryAt(klineOpenTime);
            Trader.Decision decision = desk.signal(next, bot);
            assertOrders(decision.orders(),
                    Expect.denied(next, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.HALTED));
            assertThat(decision.detail()).contains("daily-loss-limit");
        }
        assertThat(desk.trader.drainNewHalts()).isEmpty();
        assertThat(desk.venue.position(BOT)).isEmpty();
    }

    @Test
    void aResumedBotEntersAgainAndItsLimitsCountFromTheResume() {
        Desk desk = desk("0.05", "20");
        loseOnce(desk, bot, T0);
        desk.signal(entryAt(T0 + 2 * MINUTE), bot);

        assertThat(desk.trader.resume(BOT)).hasValueSatisfying(
                halt -> assertThat(halt.reason()).isEqualTo(DenyReason.DAILY_LOSS_LIMIT));
        assertThat(desk.trader.halt(BOT)).isEmpty();

        // Same day, the loss of 0.0887% still stands: the resume accepted it, so the entry goes through.
        Trader.Decision decision = desk.signal(entryAt(T0 + 3 * MINUTE), bot);
        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.ENTERED);
        PaperAccount account = desk.account(BOT);
        assertThat(account.dayStartBalance()).isEqualByComparingTo("9991.1258578");
        assertThat(account.peakBalance()).isEqualByComparingTo("9991.1258578");

        // And the switch is armed again: a second loss, 9991.1258578 - 0.4980416 - 0.4941006 - 7.882 =
        // 9982.2517156, is 8.8741422 x 100 / 9991.1258578 = 0.0888% below the balance at the resume.
        assertThat(desk.kline(kline(T0 + 4 * MINUTE, "35300.0", "35350.0", "35250.0", "35320.0"))).hasSize(2);
        assertThat(desk.account(BOT).balance()).isEqualByComparingTo("9982.2517156");
        SignalGenerated next = entryAt(T0 + 5 * MINUTE);
        assertOrders(desk.signal(next, bot).orders(),
                Expect.denied(next, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.DAILY_LOSS_LIMIT));
        assertThat(desk.trader.halt(BOT)).isPresent();
    }

    @Test
    void aNewUtcDayStartsTheDailyLossAfresh() {
        Desk desk = desk("0.05", "20");
        loseOnce(desk, bot, T0);

        // The next entry is a day later (2023-11-16T00:00Z, UTC day 19677): yesterday's 0.0887% does not count.
        Trader.Decision decision = desk.signal(entryAt(T0 + DAY), bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(desk.trader.halt(BOT)).isEmpty();
        PaperAccount account = desk.account(BOT);
        assertThat(account.day()).isEqualTo(DAY_OF_T0 + 1);
        assertThat(account.dayStartBalance()).isEqualByComparingTo("9991.1258578");
        // 9991.1258578 - 0.4980416
        assertThat(account.balance()).isEqualByComparingTo("9990.6278162");
    }

    @Test
    void aDrawdownOverTheLimitHaltsTheBotAcrossDays() {
        Desk desk = desk("0.05", "0.08");
        loseOnce(desk, bot, T0);
        // A day later the daily loss has started afresh, but the balance is still 0.0887% below its peak of 10000.
        SignalGenerated next = entryAt(T0 + DAY);

        Trader.Decision decision = desk.signal(next, bot);

        assertOrders(decision.orders(),
                Expect.denied(next, Venue.PAPER, OrderRole.ENTRY, Side.BUY, "0", DenyReason.MAX_DRAWDOWN));
        assertThat(decision.detail()).contains("0.0887").contains("10000");
        assertThat(desk.trader.halt(BOT)).hasValueSatisfying(
                halt -> assertThat(halt.reason()).isEqualTo(DenyReason.MAX_DRAWDOWN));

        // A resume lifts it: the peak is now the balance at the resume.
        desk.trader.resume(BOT);
        assertThat(desk.signal(entryAt(T0 + DAY + MINUTE), bot).outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(desk.account(BOT).peakBalance()).isEqualByComparingTo("9991.1258578");
    }

    @Test
    void aLossUnderTheLimitsHaltsNothing() {
        Desk desk = desk("0.09", "0.09");
        loseOnce(desk, bot, T0);

        assertThat(desk.signal(entryAt(T0 + 2 * MINUTE), bot).outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(desk.trader.drainNewHalts()).isEmpty();
    }

    @Test
    void aHaltedBotStillExits() {
        Desk desk = desk("5", "20");
        SignalGenerated entry = entryAt(T0);
        desk.signal(entry, bot);
        desk.trader.restoreHalt(new Halt(BOT, DenyReason.MAX_DRAWDOWN, "restored from storage", T0));

        // A reversal while halted: the exit runs (as in SignalSemanticsTest: 35613.30, PnL 1.0892, fee 0.4985862),
        // the bracket is canceled, the new entry is denied.
        SignalGenerated reversal = enterShort(BOT, T0 + MINUTE, "35620.5", "35750.05", "35400.01");
        Expect exit = Expect.market(bot, reversal, OrderRole.EXIT, Side.SELL, "0.028");
        long time = reversal.eventTime();
        Trader.Decision decision = desk.signal(reversal, bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertOrders(decision.orders(),
                exit.accepted(time),
                exit.filled("35613.30", "0.4985862", "1.0892", time),
                Expect.stopLoss(bot, entry, Side.SELL, "0.028", "35400.0").canceled(time),
                Expect.takeProfit(bot, entry, Side.SELL, "0.028", "35800.0").canceled(time),
                Expect.denied(reversal, Venue.PAPER, OrderRole.ENTRY, Side.SELL, "0", DenyReason.HALTED));
        assertThat(desk.venue.position(BOT)).isEmpty();
        assertThat(desk.account(BOT).working()).isEmpty();
    }

    @Test
    void anExitSignalOfAHaltedBotExits() {
        Desk desk = desk("5", "20");
        desk.signal(entryAt(T0), bot);
        desk.trader.restoreHalt(new Halt(BOT, DenyReason.DAILY_LOSS_LIMIT, "restored from storage", T0));

        Trader.Decision decision = desk.signal(exitLong(BOT, T0 + MINUTE, "35620.5"), bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.EXITED);
        assertThat(desk.venue.position(BOT)).isEmpty();
        assertThat(desk.trader.halt(BOT)).isPresent();
    }

    @Test
    void resumingABotThatIsNotHaltedChangesNothing() {
        Desk desk = desk("0.05", "20");

        assertThat(desk.trader.resume(BOT)).isEmpty();
        assertThat(desk.signal(entryAt(T0), bot).outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(desk.account(BOT).peakBalance()).isEqualByComparingTo("10000");
    }
}
