package io.tradeflow.core.execution;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.position.Position;
import org.junit.jupiter.api.Test;

import static io.tradeflow.core.execution.Expect.assertOrders;
import static io.tradeflow.core.execution.Fixtures.BOT;
import static io.tradeflow.core.execution.Fixtures.MINUTE;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static io.tradeflow.core.execution.Fixtures.enterShort;
import static io.tradeflow.core.execution.Fixtures.exitLong;
import static io.tradeflow.core.execution.Fixtures.exitShort;
import static io.tradeflow.core.execution.Fixtures.kline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a signal does, decided from what the bot really holds at the venue. Every scenario starts with the long of
 * {@link PaperFillsTest}: 0.028 at 35574.40 (fee 0.4980416, balance 9999.5019584), stop 35400.0, target 35800.0,
 * then a kline that reaches neither (T0 + 1 min, close 35620.5), on whose close the next signal comes.
 */
class SignalSemanticsTest {

    private final Desk desk = new Desk();
    private final BotDefinition bot = bot(BOT);
    private final SignalGenerated entry = enterLong(BOT, T0, "35567.2", "35400.05", "35800.07");
    private final Expect stop = Expect.stopLoss(bot, entry, Side.SELL, "0.028", "35400.0");
    private final Expect target = Expect.takeProfit(bot, entry, Side.SELL, "0.028", "35800.0");

    private void holdLong() {
        assertThat(desk.signal(entry, bot).outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertThat(desk.kline(kline(T0 + MINUTE, "35570.0", "35650.0", "35500.0", "35620.5"))).isEmpty();
    }

    @Test
    void anExitOfTheHeldSideSellsAtMarketAndCancelsTheBracket() {
        holdLong();
        SignalGenerated exit = exitLong(BOT, T0 + MINUTE, "35620.5");
        Expect sell = Expect.market(bot, exit, OrderRole.EXIT, Side.SELL, "0.028");
        long time = exit.eventTime();

        Trader.Decision decision = desk.signal(exit, bot);

        // 35620.5 x 0.9998 = 35613.3759, a SELL rounds down: 35613.30. PnL (35613.30 - 35574.40) x 0.028 = 1.0892.
        // Fee 0.028 x 35613.30 = 997.1724 x 0.0005 = 0.4985862.
        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.EXITED);
        assertOrders(decision.orders(),
                sell.accepted(time),
                sell.filled("35613.30", "0.4985862", "1.0892", time),
                stop.canceled(time),
                target.canceled(time));
        PaperAccount account = desk.account(BOT);
        assertThat(account.flat()).isTrue();
        assertThat(account.working()).isEmpty();
        assertThat(account.reservedMargin()).isEqualByComparingTo("0");
        // 9999.5019584 - 0.4985862 + 1.0892, a new peak
        assertThat(account.balance()).isEqualByComparingTo("10000.0925722");
        assertThat(account.peakBalance()).isEqualByComparingTo("10000.0925722");

        // The canceled stop no longer fires: the next kline falls through 35400.0.
        assertThat(desk.kline(kline(T0 + 2 * MINUTE, "35300.0", "35350.0", "35200.0", "35250.0"))).isEmpty();
    }

    @Test
    void anOppositeEntryExitsCancelsTheBracketThenEntersTheOtherWay() {
        holdLong();
        // ENTER_SHORT on the close 35620.5: stop 35750.05 rounds up to 35750.1, target 35400.01 up to 35400.1.
        SignalGenerated reversal = enterShort(BOT, T0 + MINUTE, "35620.5", "35750.05", "35400.01");
        Expect exit = Expect.market(bot, reversal, OrderRole.EXIT, Side.SELL, "0.028");
        Expect sell = Expect.market(bot, reversal, OrderRole.ENTRY, Side.SELL, "0.028");
        Expect newStop = Expect.stopLoss(bot, reversal, Side.BUY, "0.028", "35750.1");
        Expect newTarget = Expect.takeProfit(bot, reversal, Side.BUY, "0.028", "35400.1");
        long time = reversal.eventTime();

        Trader.Decision decision = desk.signal(reversal, bot);

        // Exit as in the exit test: 35613.30, PnL 1.0892, fee 0.4985862, balance 10000.0925722. The new entry: 100 x
        // 10 / 35620.5 = 0.02807... -> 0.028, a SELL at the same 35613.30, fee 0.4985862 again, margin 997.1724 / 10.
        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.REVERSED);
        assertOrders(decision.orders(),
                exit.accepted(time),
                exit.filled("35613.30", "0.4985862", "1.0892", time),
                stop.canceled(time),
                target.canceled(time),
                sell.accepted(time),
                sell.filled("35613.30", "0.4985862", null, time),
                newStop.accepted(time),
                newTarget.accepted(time));
        assertThat(decision.orders()).extracting(OrderUpdated::eventId).doesNotHaveDuplicates();
        PaperAccount account = desk.account(BOT);
        assertThat(account.balance()).isEqualByComparingTo("9999.5939860"); // 10000.0925722 - 0.4985862
        assertThat(account.reservedMargin()).isEqualByComparingTo("99.71724");
        assertThat(account.working()).extracting(WorkingOrder::clientOrderId)
                .containsExactly(newStop.clientOrderId(), newTarget.clientOrderId());
        Position position = desk.position(BOT);
        assertThat(position.direction()).isEqualTo(Direction.SHORT);
        assertThat(position.quantity()).isEqualByComparingTo("0.028");
        assertThat(position.entryPrice()).isEqualByComparingTo("35613.30");

        // Next kline, low 35380.0: the old long stop (SELL at 35400.0) is gone; the new short's target 35400.1 fills.
        // A BUY: 35400.1 x 1.0002 = 35407.18002 -> 35407.20. PnL (35613.30 - 35407.20) x 0.028 = 5.7708. Fee 0.028 x
        // 35407.20 = 991.4016 x 0.0005 = 0.4957008.
        long close = T0 + 3 * MINUTE - 1;
        assertOrders(desk.kline(kline(T0 + 2 * MINUTE, "35600.0", "35610.0", "35380.0", "35420.0")),
                newTarget.filled("35407.20", "0.4957008", "5.7708", close),
                newStop.canceled(close));
    }

    @Test
    void anExitWhileFlatPlacesNothing() {
        Trader.Decision decision = desk.signal(exitLong(BOT, T0, "35567.2"), bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOTHING_TO_EXIT);
        assertThat(decision.orders()).isEmpty();
        assertThat(desk.venue.account(BOT)).isEmpty();
    }

    @Test
    void anExitAfterTheStopClosedThePositionPlacesNothing() {
        // The strategy does not see stop-outs: it may still ask to exit a position the venue already closed.
        desk.signal(entry, bot);
        assertThat(desk.kline(kline(T0 + MINUTE, "35300.0", "35350.0", "35250.0", "35320.0"))).hasSize(2);
        PaperAccount before = desk.account(BOT);

        Trader.Decision decision = desk.signal(exitLong(BOT, T0 + MINUTE, "35320.0"), bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOTHING_TO_EXIT);
        assertThat(decision.orders()).isEmpty();
        assertThat(desk.account(BOT)).isEqualTo(before);
    }

    @Test
    void anExitOfTheOtherSidePlacesNothing() {
        holdLong();
        PaperAccount before = desk.account(BOT);

        Trader.Decision decision = desk.signal(exitShort(BOT, T0 + MINUTE, "35620.5"), bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOTHING_TO_EXIT);
        assertThat(decision.orders()).isEmpty();
        assertThat(desk.account(BOT)).isEqualTo(before);
    }
}
