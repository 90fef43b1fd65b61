package io.tradeflow.backtest.report;

import io.tradeflow.backtest.BotRun;
import io.tradeflow.backtest.EquityPoint;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.RiskSpec;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Position;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run crafted by hand: bot {@code rsi-btc} on BTCUSDT 6h, 1000.00 USDT, three UTC days (2024-01-01 to 01-03), 12
 * equity points (one per 6h kline, at its close) and 4 closed trades. Every expected value in the tests is worked out
 * from these numbers in the tests' comments.
 *
 * <pre>
 * trade  direction  qty    entry     exit      gross   fees  net     opened        closed        held   reason
 * A      LONG       0.100  40000.00  41020.00  102.00  2.00  100.00  01-01 02:00   01-01 15:00   13 h   TAKE_PROFIT (stop 39500.00)
 * B      SHORT      0.100  41000.00  41500.00  -50.00  5.00  -55.00  01-02 03:00   01-02 13:30   10.5 h STOP_LOSS
 * C      LONG       0.200  42000.00  42485.00   97.00  2.50   94.50  01-03 01:00   01-03 09:00    8 h   SIGNAL_EXIT
 * D      LONG       0.100  42500.00  42530.00    3.00  3.00    0.00  01-03 12:00   01-03 18:30   6.5 h  REVERSAL
 * (E opens 01-03 20:00 and is still open at the end: +10.00 unrealized in the last point, not a trade)
 *
 * equity point (kline close)  equity   in market  peak     drawdown  of peak
 * 01-01 05:59:59.999           930.00  yes        1000.00  70.00     0.07000000   (A open, down 70)
 * 01-01 11:59:59.999          1050.00  yes        1050.00   0
 * 01-01 17:59:59.999          1100.00  no         1100.00   0                     (A closed +100)
 * 01-01 23:59:59.999          1100.00  no         1100.00   0                     day 1 ends at 1100.00
 * 01-02 05:59:59.999          1080.00  yes        1100.00  20.00
 * 01-02 11:59:59.999          1025.00  yes        1100.00  75.00     0.06818182   (B open, down 75)
 * 01-02 17:59:59.999          1045.00  no         1100.00  55.00                  (B closed -55)
 * 01-02 23:59:59.999          1045.00  no         1100.00  55.00                  day 2 ends at 1045.00
 * 01-03 05:59:59.999          1060.00  yes        1100.00  40.00
 * 01-03 11:59:59.999          1139.50  no         1139.50   0                     (C closed +94.50)
 * 01-03 17:59:59.999          1142.00  yes        1142.00   0                     (D open)
 * 01-03 23:59:59.999          1149.50  yes        1149.50   0                     day 3 ends at 1149.50 (E open)
 * </pre>
 */
final class CraftedRun {

    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    /** 2024-01-01T00:00:00Z. */
    static final long D1 = 1_704_067_200_000L;
    static final long D2 = D1 + DAY;
    static final long D3 = D2 + DAY;
    static final Symbol BTCUSDT = new Symbol("BTCUSDT");

    private CraftedRun() {
    }

    static BotDefinition bot(String botId) {
        return bot(botId, Interval.SIX_HOURS);
    }

    static BotDefinition bot(String botId, Interval interval) {
        return new BotDefinition(botId, "RSI <reversion>, \"BTC\"", Market.USD_M, BTCUSDT, interval,
                new StrategySpec("rsi-reversion", Map.of("period", "14", "oversold", "30")),
                new RiskSpec(dec("100.00"), 5, MarginType.ISOLATED, 1), Venue.PAPER, BotStatus.RUNNING, false,
                D1 - DAY, D1 - DAY);
    }

    static BotRun run() {
        return run("rsi-btc");
    }

    static BotRun run(String botId) {
        return new BotRun(bot(botId), dec("1000.00"), "USDT", List.of(), trades(botId), equity(), D1,
                D3 + DAY - 1);
    }

    static List<TrackedPosition> trades(String botId) {
        return List.of(
                trade(botId, "A", Direction.LONG, "0.100", "40000.00", "41020.00", "102.00", "2.00", D1 + 2 * HOUR,
                        D1 + 15 * HOUR, CloseReason.TAKE_PROFIT, "39500.00"),
                trade(botId, "B", Direction.SHORT, "0.100", "41000.00", "41500.00", "-50.00", "5.00", D2 + 3 * HOUR,
                        D2 + 13 * HOUR + HOUR / 2, CloseReason.STOP_LOSS, null),
                trade(botId, "C", Direction.LONG, "0.200", "42000.00", "42485.00", "97.00", "2.50", D3 + HOUR,
                        D3 + 9 * HOUR, CloseReason.SIGNAL_EXIT, null),
                trade(botId, "D", Direction.LONG, "0.100", "42500.00", "42530.00", "3.00", "3.00", D3 + 12 * HOUR,
                        D3 + 18 * HOUR + HOUR / 2, CloseReason.REVERSAL, null));
    }

    static List<EquityPoint> equity() {
        String[] equity = {"930.00", "1050.00", "1100.00", "1100.00", "1080.00", "1025.00", "1045.00", "1045.00",
                "1060.00", "1139.50", "1142.00", "1149.50"};
        boolean[] inMarket = {true, true, false, false, true, true, false, false, true, false, true, true};
        List<EquityPoint> points = new ArrayList<>();
        for (int i = 0; i < equity.length; i++) {
            points.add(new EquityPoint(D1 + (i + 1) * 6 * HOUR - 1, dec(equity[i]), inMarket[i]));
        }
        return points;
    }

    /** The 12 6h klines of the three days, rising 200 a kline from 40000.00. */
    static List<Kline> klines() {
        List<Kline> klines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            BigDecimal open = dec("40000.00").add(BigDecimal.valueOf(200L * i));
            klines.add(new Kline(BTCUSDT, Interval.SIX_HOURS, D1 + i * 6 * HOUR, D1 + (i + 1) * 6 * HOUR - 1, open,
                    open.add(dec("400.00")), open.subtract(dec("300.00")), open.add(dec("100.00")), dec("12.345"),
                    dec("500000.00"), 1000));
        }
        return klines;
    }

    static TrackedPosition trade(String botId, String name, Direction direction, String quantity, String entry,
                                 String exit, String gross, String fee, long openedAt, long closedAt,
                                 CloseReason reason, String stop) {
        Position position = new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", direction, BigDecimal.ZERO,
                dec(entry), dec(gross), Map.of("USDT", dec(fee)), dec(quantity), dec(exit), openedAt, closedAt);
        return new TrackedPosition("pos-paper-BTCUSDT-" + name, botId, Venue.PAPER, "sig-" + name, 2, position,
                BigDecimal.ZERO, Map.of(), stop == null ? null : dec(stop), reason, closedAt);
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
