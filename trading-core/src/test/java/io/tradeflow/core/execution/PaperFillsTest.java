package io.tradeflow.core.execution;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.position.Position;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.tradeflow.core.execution.Expect.assertOrders;
import static io.tradeflow.core.execution.Fixtures.BOT;
import static io.tradeflow.core.execution.Fixtures.BTCUSDT;
import static io.tradeflow.core.execution.Fixtures.BTCUSD_PERP;
import static io.tradeflow.core.execution.Fixtures.DAY_OF_T0;
import static io.tradeflow.core.execution.Fixtures.MINUTE;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.dec;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static io.tradeflow.core.execution.Fixtures.enterShort;
import static io.tradeflow.core.execution.Fixtures.kline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The paper venue's fills with the real BTCUSDT filters (tick 0.10, step 0.001) and the default settings (slippage 2
 * bps, taker fee 5 bps, 10000 USDT per bot), through the trader as execution-service runs it.
 *
 * <p>The long of most tests: ENTER_LONG on the kline opening at T0 (2023-11-15T00:00Z), reference 35567.2, stop
 * 35400.05 and target 35800.07. Quantity 100 x 10 / 35567.2 = 0.02811... -> 0.028. Fill: 35567.2 x 1.0002 =
 * 35574.31344, a BUY rounds up to the tick: 35574.40. Notional 0.028 x 35574.40 = 996.0832; fee 5 bps = 0.4980416;
 * margin 996.0832 / 10 = 99.60832; balance 10000 - 0.4980416 = 9999.5019584. The stop of a long rounds down (never
 * tighter): 35400.0; the target rounds down (never further): 35800.0.
 */
class PaperFillsTest {

    private final Desk desk = new Desk();
    private final BotDefinition bot = bot(BOT);

    private final SignalGenerated entry = enterLong(BOT, T0, "35567.2", "35400.05", "35800.07");
    private final long entryTime = entry.eventTime();
    private final Expect entryOrder = Expect.market(bot, entry, OrderRole.ENTRY, Side.BUY, "0.028");
    private final Expect stop = Expect.stopLoss(bot, entry, Side.SELL, "0.028", "35400.0");
    private final Expect target = Expect.takeProfit(bot, entry, Side.SELL, "0.028", "35800.0");

    /** Close time of the kline after the entry's (T0 + 1 min): when a trigger reached inside it fills. */
    private static final long NEXT_CLOSE = T0 + 2 * MINUTE - 1;

    @Test
    void aLongEntryFillsAtTheReferencePriceMovedAgainstTheTraderThenRestsItsStopAndTarget() {
        Trader.Decision decision = desk.signal(entry, bot);

        assertThat(decision.outcome()).isEqualTo(Trader.Outcome.ENTERED);
        assertOrders(decision.orders(),
                entryOrder.accepted(entryTime),
                entryOrder.filled("35574.40", "0.4980416", null, entryTime),
                stop.accepted(entryTime),
                target.accepted(entryTime));

        PaperAccount account = desk.account(BOT);
        assertThat(account.asset()).isEqualTo("USDT");
        assertThat(account.balance()).isEqualByComparingTo("9999.5019584");
        assertThat(account.reservedMargin()).isEqualByComparingTo("99.60832");
        assertThat(account.available()).isEqualByComparingTo("9899.8936384"); // 9999.5019584 - 99.60832
        assertThat(account.peakBalance()).isEqualByComparingTo("10000");
        assertThat(account.day()).isEqualTo(DAY_OF_T0);
        assertThat(account.dayStartBalance()).isEqualByComparingTo("10000");
        assertThat(account.working()).extracting(WorkingOrder::role, WorkingOrder::triggerPrice,
                WorkingOrder::activeAfter).containsExactly(
                        tuple(OrderRole.STOP_LOSS, dec("35400.00"), T0),
                        tuple(OrderRole.TAKE_PROFIT, dec("35800.00"), T0));

        Position position = desk.position(BOT);
        assertThat(position.direction()).isEqualTo(Direction.LONG);
        assertThat(position.quantity()).isEqualByComparingTo("0.028");
        assertThat(position.entryPrice()).isEqualByComparingTo("35574.40");
        assertThat(position.fee("USDT")).isEqualByComparingTo("0.4980416");
        assertThat(position.openedAt()).isEqualTo(entryTime);
    }

    @Test
    void pricesAndQuantitiesCarryTheScaleOfTheirTickAndStep() {
        // What goes on the wire is toPlainString(): 35574.40 and 35400.00 at the tick's 2 places, 0.028 at the step's.
        List<OrderUpdated> orders = desk.signal(entry, bot).orders();

        assertThat(orders.get(1).lastFillPrice().toPlainString()).isEqualTo("35574.40");
        assertThat(orders.get(1).quantity().toPlainString()).isEqualTo("0.028");
        assertThat(orders.get(1).fee().toPlainString()).isEqualTo("0.49804160");
        assertThat(orders.get(2).triggerPrice().toPlainString()).isEqualTo("35400.00");
        assertThat(orders.get(3).triggerPrice().toPlainString()).isEqualTo("35800.00");
    }

    @Test
    void theEntrysOwnKlineAndKlinesOfOtherSeriesTriggerNothing() {
        desk.signal(entry, bot);

        // The entry's kline again (a redelivery): its low is below the stop and its high above the target, but the
        // entry filled at its close, after both.
        assertThat(desk.kline(kline(T0, "35500.0", "35900.0", "35300.0", "35567.2"))).isEmpty();
        // The next minute on another interval and on another symbol, through both triggers.
        assertThat(desk.kline(kline(BTCUSDT, Interval.FIVE_MINUTES, T0 + 5 * MINUTE, "35500.0", "35900.0", "35300.0",
                "35600.0"))).isEmpty();
        assertThat(desk.kline(kline(BTCUSD_PERP, Interval.ONE_MINUTE, T0 + MINUTE, "35500.0", "35900.0", "35300.0",
                "35600.0"))).isEmpty();
        // A kline that reaches neither trigger.
        assertThat(desk.kline(kline(T0 + MINUTE, "35570.0", "35650.0", "35500.0", "35620.5"))).isEmpty();

        assertThat(desk.account(BOT).working()).hasSize(2);
        assertThat(desk.position(BOT).quantity()).isEqualByComparingTo("0.028");
    }

    @Test
    void aKlineThatOpensBelowTheStopFillsItAtTheOpenAndCancelsTheTarget() {
        desk.signal(entry, bot);

        // Opens at 35300.0, below the stop 35400.0: a gap, the stop fills at the open, not at its trigger.
        // 35300.0 x 0.9998 = 35292.94, a SELL rounds down: 35292.90. PnL (35292.90 - 35574.40) x 0.028 = -7.882.
        // Fee 0.028 x 35292.90 = 988.2012 x 0.0005 = 0.4941006.
        // Time: the kline opened at T0 + 60 000, 12 ms before the entry's own fill (the kline close event of T0
        // arrives 13 ms after the close); a fill is never before the position it closes, so it is at the entry's time.
        List<OrderUpdated> orders = desk.kline(kline(T0 + MINUTE, "35300.0", "35350.0", "35250.0", "35320.0"));

        assertOrders(orders,
                stop.filled("35292.90", "0.4941006", "-7.882", entryTime),
                target.canceled(entryTime));
        PaperAccount account = desk.account(BOT);
        assertThat(account.flat()).isTrue();
        assertThat(account.working()).isEmpty();
        assertThat(account.reservedMargin()).isEqualByComparingTo("0");
        // 9999.5019584 - 0.4941006 - 7.882
        assertThat(account.balance()).isEqualByComparingTo("9991.1258578");
        assertThat(account.peakBalance()).isEqualByComparingTo("10000");
    }

    @Test
    void whenStopAndTargetAreBothReachedInOneKlineTheStopFills() {
        desk.signal(entry, bot);

        // Opens between them (35500.0), low 35350.0 reaches the stop, high 35850.0 the target: we cannot know which
        // came first, so the stop, at its trigger. 35400.0 x 0.9998 = 35392.92 -> 35392.90. PnL (35392.90 -
        // 35574.40) x 0.028 = -5.082. Fee 0.028 x 35392.90 = 991.0012 x 0.0005 = 0.4955006. At the kline's close.
        List<OrderUpdated> orders = desk.kline(kline(T0 + MINUTE, "35500.0", "35850.0", "35350.0", "35600.0"));

        assertOrders(orders,
                stop.filled("35392.90", "0.4955006", "-5.082", NEXT_CLOSE),
                target.canceled(NEXT_CLOSE));
        // 9999.5019584 - 0.4955006 - 5.082
        assertThat(desk.account(BOT).balance()).isEqualByComparingTo("9993.9244578");
        assertThat(desk.venue.position(BOT)).isEmpty();
    }

    @Test
    void aTargetReachedInsideAKlineFillsAtItsTrigger() {
        desk.signal(entry, bot);

        // High 35810.0 reaches 35800.0. 35800.0 x 0.9998 = 35792.84 -> 35792.80. PnL (35792.80 - 35574.40) x 0.028
        // = 6.1152. Fee 0.028 x 35792.80 = 1002.1984 x 0.0005 = 0.5010992.
        List<OrderUpdated> orders = desk.kline(kline(T0 + MINUTE, "35600.0", "35810.0", "35550.0", "35790.0"));

        assertOrders(orders,
                target.filled("35792.80", "0.5010992", "6.1152", NEXT_CLOSE),
                stop.canceled(NEXT_CLOSE));
        // 9999.5019584 - 0.5010992 + 6.1152, a new peak
        assertThat(desk.account(BOT).balance()).isEqualByComparingTo("10005.1160592");
        assertThat(desk.account(BOT).peakBalance()).isEqualByComparingTo("10005.1160592");
    }

    @Test
    void aKlineThatOpensAboveTheTargetFillsItAtTheOpen() {
        desk.signal(entry, bot);
        assertThat(desk.kline(kline(T0 + MINUTE, "35570.0", "35650.0", "35500.0", "35620.5"))).isEmpty();

        // The second kline after the entry opens at 35900.0, above the target 35800.0 (its low 35350.0 also reaches
        // the stop, later: the open came first). 35900.0 x 0.9998 = 35892.82 -> 35892.80. PnL (35892.80 -
        // 35574.40) x 0.028 = 8.9152. Fee 0.028 x 35892.80 = 1004.9984 x 0.0005 = 0.5024992. At the open.
        long open = T0 + 2 * MINUTE;
        List<OrderUpdated> orders = desk.kline(kline(open, "35900.0", "36000.0", "35350.0", "35850.0"));

        assertOrders(orders,
                target.filled("35892.80", "0.5024992", "8.9152", open),
                stop.canceled(open));
        // 9999.5019584 - 0.5024992 + 8.9152
        assertThat(desk.account(BOT).balance()).isEqualByComparingTo("10007.9146592");
        assertThat(desk.account(BOT).peakBalance()).isEqualByComparingTo("10007.9146592");
        assertThat(desk.account(BOT).reservedMargin()).isEqualByComparingTo("0");
    }

    @Test
    void aShortRestsItsStopAboveAndBuysRoundedUp() {
        // ENTER_SHORT at 35567.2: 35567.2 x 0.9998 = 35560.08656, a SELL rounds down: 35560.00. Notional 0.028 x
        // 35560.00 = 995.68, fee 0.49784, margin 99.568. The stop of a short is above and rounds up (never tighter):
        // 35700.03 -> 35700.1; its target is below and rounds up (never further): 35300.04 -> 35300.1.
        SignalGenerated shortEntry = enterShort(BOT, T0, "35567.2", "35700.03", "35300.04");
        Expect sell = Expect.market(bot, shortEntry, OrderRole.ENTRY, Side.SELL, "0.028");
        Expect shortStop = Expect.stopLoss(bot, shortEntry, Side.BUY, "0.028", "35700.1");
        Expect shortTarget = Expect.takeProfit(bot, shortEntry, Side.BUY, "0.028", "35300.1");
        long time = shortEntry.eventTime();

        assertOrders(desk.signal(shortEntry, bot).orders(),
                sell.accepted(time),
                sell.filled("35560.00", "0.49784", null, time),
                shortStop.accepted(time),
                shortTarget.accepted(time));
        assertThat(desk.position(BOT).direction()).isEqualTo(Direction.SHORT);
        assertThat(desk.account(BOT).reservedMargin()).isEqualByComparingTo("99.568");

        // High 35750.0 reaches the stop 35700.1 (the low 35550.0 does not reach the target). A BUY: 35700.1 x 1.0002
        // = 35707.24002, rounded up: 35707.30. PnL (35560.00 - 35707.30) x 0.028 = -4.1244. Fee 0.028 x 35707.30 =
        // 999.8044 x 0.0005 = 0.4999022.
        assertOrders(desk.kline(kline(T0 + MINUTE, "35600.0", "35750.0", "35550.0", "35700.0")),
                shortStop.filled("35707.30", "0.4999022", "-4.1244", NEXT_CLOSE),
                shortTarget.canceled(NEXT_CLOSE));
        // 10000 - 0.49784 - 0.4999022 - 4.1244
        assertThat(desk.account(BOT).balance()).isEqualByComparingTo("9994.8778578");
        assertThat(desk.account(BOT).reservedMargin()).isEqualByComparingTo("0");
        assertThat(desk.venue.position(BOT)).isEmpty();
    }

    @Test
    void aShortsTargetFillsWhenThePriceFallsToIt() {
        SignalGenerated shortEntry = enterShort(BOT, T0, "35567.2", "35700.03", "35300.04");
        Expect shortStop = Expect.stopLoss(bot, shortEntry, Side.BUY, "0.028", "35700.1");
        Expect shortTarget = Expect.takeProfit(bot, shortEntry, Side.BUY, "0.028", "35300.1");
        desk.signal(shortEntry, bot);

        // Low 35250.0 reaches 35300.1. 35300.1 x 1.0002 = 35307.16002 -> up to 35307.20. PnL (35560.00 - 35307.20) x
        // 0.028 = 7.0784. Fee 0.028 x 35307.20 = 988.6016 x 0.0005 = 0.4943008.
        assertOrders(desk.kline(kline(T0 + MINUTE, "35400.0", "35450.0", "35250.0", "35280.0")),
                shortTarget.filled("35307.20", "0.4943008", "7.0784", NEXT_CLOSE),
                shortStop.canceled(NEXT_CLOSE));
        // 10000 - 0.49784 - 0.4943008 + 7.0784
        assertThat(desk.account(BOT).balance()).isEqualByComparingTo("10006.0862592");
    }

    @Test
    void slippageAndFeeFollowTheSettings() {
        // No slippage, 4 bps: the entry fills at the reference 35567.20 exactly; fee 0.028 x 35567.20 = 995.8816 x
        // 0.0004 = 0.39835264. A starting balance of 5000.
        Desk custom = new Desk(new PaperSettings(dec("0"), dec("4"), dec("5000")), RiskLimits.DEFAULTS);

        assertOrders(custom.signal(entry, bot).orders(),
                entryOrder.accepted(entryTime),
                entryOrder.filled("35567.20", "0.39835264", null, entryTime),
                stop.accepted(entryTime),
                target.accepted(entryTime));
        assertThat(custom.account(BOT).balance()).isEqualByComparingTo("4999.60164736");
        assertThat(custom.account(BOT).reservedMargin()).isEqualByComparingTo("99.58816");
    }

    @Test
    void aCoinMarginedEntryPaysItsFeeAndMarginInTheCoin() {
        // BTCUSD_PERP, 0.01 BTC margin x 10: 0.1 x 35567.2 / 100 USD a contract = 35.5672 -> 35 contracts. Fill
        // 35567.2 x 1.0002 = 35574.31344 -> up to the tick 0.1: 35574.4. Value in BTC: 35 x 100 / 35574.4 =
        // 0.098385355... -> 0.09838536 (8 places); fee x 0.0005 = 0.00004919268 -> 0.00004919; margin / 10 =
        // 0.00983854. Wallet of 1 BTC.
        BotDefinition coinBot = bot("btc-coin", BTCUSD_PERP, Market.COIN_M, "0.01", 10, Venue.PAPER,
                BotStatus.RUNNING);
        SignalGenerated coinEntry = Fixtures.signal("btc-coin", BTCUSD_PERP, T0, SignalAction.ENTER_LONG, "35567.2",
                "35400.0", "35800.0");
        Desk coin = new Desk(new PaperSettings(dec("2"), dec("5"), dec("1")), RiskLimits.DEFAULTS);
        Expect buy = Expect.market(coinBot, coinEntry, OrderRole.ENTRY, Side.BUY, "35").feeIn("BTC");

        List<OrderUpdated> orders = coin.signal(coinEntry, coinBot).orders();

        assertThat(orders).extracting(OrderUpdated::type).containsExactly(OrderType.MARKET, OrderType.MARKET,
                OrderType.STOP_MARKET, OrderType.TAKE_PROFIT_MARKET);
        assertOrders(orders.subList(0, 2),
                buy.accepted(coinEntry.eventTime()),
                buy.filled("35574.4", "0.00004919", null, coinEntry.eventTime()));
        PaperAccount account = coin.account("btc-coin");
        assertThat(account.asset()).isEqualTo("BTC");
        assertThat(account.balance()).isEqualByComparingTo("0.99995081");
        assertThat(account.reservedMargin()).isEqualByComparingTo("0.00983854");
        // The limits across bots count a COIN-M position in USD: 35 contracts x 100.
        assertThat(coin.venue.openNotional(BTCUSD_PERP)).isEqualByComparingTo("3500");
        assertThat(coin.venue.openNotional(BTCUSDT)).isEqualByComparingTo(BigDecimal.ZERO);
    }
}
