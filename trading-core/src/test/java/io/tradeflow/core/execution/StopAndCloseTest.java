package io.tradeflow.core.execution;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.order.DenyReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tradeflow.core.execution.Expect.assertOrders;
import static io.tradeflow.core.execution.Fixtures.BOT;
import static io.tradeflow.core.execution.Fixtures.MINUTE;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static io.tradeflow.core.execution.Fixtures.kline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot stopped with {@code closePosition}: at its next kline its position is closed at market (close reason MANUAL)
 * and its bracket canceled, as an exit signal on that kline would do it, once per definition version. The scenarios
 * hold the long of {@link SignalSemanticsTest}: 0.028 at 35574.40, stop 35400.0, target 35800.0; the next kline (T0 + 1
 * min, close 35620.5) reaches neither.
 */
class StopAndCloseTest {

    private final Desk desk = new Desk();
    private final SignalGenerated entry = enterLong(BOT, T0, "35567.2", "35400.05", "35800.07");
    private final Expect stop = Expect.stopLoss(bot(BOT), entry, Side.SELL, "0.028", "35400.0");
    private final Expect target = Expect.takeProfit(bot(BOT), entry, Side.SELL, "0.028", "35800.0");
    private final KlineClosed next = kline(T0 + MINUTE, "35570.0", "35650.0", "35500.0", "35620.5");

    private void holdLong() {
        assertThat(desk.signal(entry, bot(BOT)).outcome()).isEqualTo(Trader.Outcome.ENTERED);
    }

    /** The bot's definition as gateway-api publishes a stop, version {@code producedAt}. */
    private static BotDefinition stopped(boolean closePosition, long producedAt) {
        BotDefinition b = bot(BOT);
        return new BotDefinition(b.botId(), b.name(), b.market(), b.symbol(), b.interval(), b.strategy(), b.risk(),
                b.venue(), BotStatus.STOPPED, closePosition, producedAt, producedAt);
    }

    /** The kline's step as execution-service runs it: the stop checks (none fires here), then the close. */
    private Trader.Decision step(KlineClosed kline, BotDefinition bot) {
        assertThat(desk.kline(kline)).as("no stop or target on this kline").isEmpty();
        return desk.trader.closeStopped(bot, kline);
    }

    @Test
    void aStopWithClosePositionSellsAtTheNextKlinesCloseAndCancelsTheBracket() {
        holdLong();
        BotDefinition stopAndClose = stopped(true, T0 + 90_000);
        Expect close = Expect.close(stopAndClose, Side.SELL, "0.028");
        long time = next.eventTime();

        Trader.Decision decision = step(next, stopAndClose);

        // Exactly the exit signal's fill on this kline (SignalSemanticsTest): 35620.5 x 0.9998 = 35613.3759, a SELL
        // rounds down: 35613.30; PnL (35613.30 - 35574.40) x 0.028 = 1.0892; fee 0.028 x 35613.30 x 0.0005 = 0.4985862.
        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.EXITED);
        assertOrders(decision.orders(),
                close.accepted(time),
                close.filled("35613.30", "0.4985862", "1.0892", time),
                stop.canceled(time),
                target.canceled(time));
        assertThat(close.clientOrderId()).matches(ClientOrderIds.BINANCE_PATTERN).endsWith("-X");
        PaperAccount account = desk.account(BOT);
        assertThat(account.flat()).isTrue();
        assertThat(account.working()).isEmpty();
        assertThat(account.balance()).isEqualByComparingTo("10000.0925722"); // 9999.5019584 - 0.4985862 + 1.0892
    }

    @Test
    void aStopWithoutClosePositionKeepsThePositionAndItsBracket() {
        holdLong();
        PaperAccount before = desk.account(BOT);

        Trader.Decision decision = step(next, stopped(false, T0 + 90_000));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOTHING_TO_EXIT);
        assertThat(decision.orders()).isEmpty();
        assertThat(desk.account(BOT)).isEqualTo(before);
    }

    @Test
    void nothingHeldIsNothingToClose() {
        Trader.Decision decision = step(next, stopped(true, T0 + 90_000));

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.NOTHING_TO_EXIT);
        assertThat(decision.orders()).isEmpty();
        assertThat(desk.venue.account(BOT)).isEmpty();
    }

    @Test
    void aHaltedBotIsClosedAllTheSame() {
        holdLong();
        desk.trader.restoreHalt(new Halt(BOT, DenyReason.DAILY_LOSS_LIMIT, "lost 5 %", T0));

        Trader.Decision decision = step(next, stopped(true, T0 + 90_000));

        assertThat(decision.outcome()).as("exits are never refused by a halt").isEqualTo(Trader.Outcome.EXITED);
        assertThat(desk.account(BOT).flat()).isTrue();
    }

    @Test
    void withoutSymbolRulesTheCloseIsDeniedOnce() {
        AtomicBoolean known = new AtomicBoolean(true);
        Desk desk = new Desk(PaperSettings.DEFAULTS, RiskLimits.DEFAULTS,
                symbol -> known.get() ? Fixtures.realRules().apply(symbol) : Optional.empty());
        assertThat(desk.signal(entry, bot(BOT)).outcome()).isEqualTo(Trader.Outcome.ENTERED);
        known.set(false);
        BotDefinition stopAndClose = stopped(true, T0 + 90_000);

        Trader.Decision decision = desk.trader.closeStopped(stopAndClose, next);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.DENIED);
        assertOrders(decision.orders(), new OrderUpdated(ClientOrderIds.ofClose(stopAndClose), null, BOT, null,
                Fixtures.BTCUSDT, Venue.PAPER, OrderRole.EXIT, Side.SELL, OrderType.MARKET, OrderStatus.DENIED,
                Fixtures.dec("0.028"), null, null, BigDecimal.ZERO, null, null, null, null, null, true, null, null, null,
                DenyReason.UNKNOWN_SYMBOL.code(), null, null, null, CloseReason.MANUAL, next.eventTime(), Fixtures.NOW));
        assertThat(desk.venue.position(BOT)).as("nothing placed").isPresent();
        assertThat(desk.trader.closeStopped(stopAndClose, next).orders()).as("denied once, like an order").isEmpty();
    }

    @Test
    void aVersionClosesOnceEvenWhenReadAgainAfterTheBotTradedAnew() {
        holdLong();
        BotDefinition first = stopped(true, T0 + 90_000);
        assertThat(step(next, first).outcome()).isEqualTo(Trader.Outcome.EXITED);
        assertThat(step(kline(T0 + 2 * MINUTE, "35620.0", "35640.0", "35600.0", "35610.0"), first).orders())
                .as("the same version again: already closed").isEmpty();

        // Started again, the bot enters anew. Then bots.v1 is read from its start again (a failure of the follower),
        // which shows the old stop for a moment: it must not close the new position.
        assertThat(desk.signal(enterLong(BOT, T0 + 2 * MINUTE, "35610.0", "35400.05", "35800.07"), bot(BOT)).outcome())
                .isEqualTo(Trader.Outcome.ENTERED);
        Trader.Decision old = step(kline(T0 + 3 * MINUTE, "35610.0", "35650.0", "35550.0", "35620.0"), first);
        assertThat(old.orders()).isEmpty();
        assertThat(old.detail()).contains("already closed");
        assertThat(desk.venue.position(BOT)).isPresent();

        // A new stop with closePosition is a new version: it closes, under an id of its own.
        BotDefinition second = stopped(true, T0 + 200_000);
        Trader.Decision decision = step(kline(T0 + 4 * MINUTE, "35620.0", "35650.0", "35550.0", "35600.0"), second);
        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.EXITED);
        OrderUpdated exit = decision.orders().getFirst();
        assertThat(exit.clientOrderId()).isEqualTo(ClientOrderIds.ofClose(second)).isNotEqualTo(ClientOrderIds.ofClose(first));
        assertThat(exit.role()).isEqualTo(OrderRole.EXIT);
        assertThat(exit.closeReason()).isEqualTo(CloseReason.MANUAL);
        assertThat(exit.reduceOnly()).isTrue();
    }

    @Test
    void theClosesPlacedComeBackFromStorageAfterARestart() {
        holdLong();
        BotDefinition stopAndClose = stopped(true, T0 + 90_000);

        // As execution-service reloads them: the clientOrderIds of the stored manual exits.
        desk.trader.restoreCloses(List.of(ClientOrderIds.ofClose(stopAndClose)));
        assertThat(step(next, stopAndClose).orders()).as("closed before the restart").isEmpty();

        desk.trader.restoreCloses(List.of());
        assertThat(step(kline(T0 + 2 * MINUTE, "35620.0", "35640.0", "35600.0", "35610.0"), stopAndClose).outcome())
                .as("a version not stored as closed still closes").isEqualTo(Trader.Outcome.EXITED);
    }
}
