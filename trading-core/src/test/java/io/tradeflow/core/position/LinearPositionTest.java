package io.tradeflow.core.position;

import static io.tradeflow.core.position.Fixtures.T0;
import static io.tradeflow.core.position.Fixtures.buy;
import static io.tradeflow.core.position.Fixtures.dec;
import static io.tradeflow.core.position.Fixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.domain.Symbol;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * USD-M positions. Expected numbers are worked by hand in the comments; {@code isEqualTo} on a BigDecimal compares
 * the scale too, so each assertion checks both the value and the exact digits.
 */
class LinearPositionTest {

    private static final Symbol BTCUSDT = new Symbol("BTCUSDT");
    private static final Symbol ETHUSDT = new Symbol("ETHUSDT");

    private static Position open(Symbol symbol, Fill first) {
        return Position.open(symbol, Contract.LINEAR, BigDecimal.ONE, "USDT", first);
    }

    @Test
    void longOpensAddsReducesAndCloses() {
        Position opened = open(BTCUSDT, buy("0.010", "35000.00", "0.14000000", "USDT", T0));
        assertThat(opened.direction()).isEqualTo(Direction.LONG);
        assertThat(opened.quantity()).isEqualTo(dec("0.010"));
        assertThat(opened.entryPrice()).isEqualTo(dec("35000.00")); // one fill: its price, as it is
        assertThat(opened.realizedPnl()).isEqualTo(dec("0"));
        assertThat(opened.closedQuantity()).isEqualTo(dec("0"));
        assertThat(opened.exitPrice()).isNull();
        assertThat(opened.openedAt()).isEqualTo(T0);
        assertThat(opened.closedAt()).isZero();
        assertThat(opened.isOpen()).isTrue();

        Applied add = opened.apply(buy("0.030", "35400.10", "0.42480120", "USDT", T0 + 1_000));
        assertThat(add.closedQuantity()).isEqualTo(dec("0"));
        assertThat(add.realizedPnl()).isNull();
        assertThat(add.change()).isEqualTo(PositionChange.CHANGED);
        Position added = add.position();
        assertThat(added.quantity()).isEqualTo(dec("0.040"));
        // (0.010 x 35000.00 + 0.030 x 35400.10) / 0.040 = (350.00000 + 1062.00300) / 0.040 = 35300.075
        assertThat(added.entryPrice()).isEqualTo(dec("35300.07500000"));
        assertThat(added.realizedPnl()).isEqualTo(dec("0"));

        Applied reduce = added.apply(sell("0.025", "35600.00", "0.35600000", "USDT", T0 + 2_000));
        // (35600.00 - 35300.07500000) x 0.025 = 299.92500000 x 0.025 = 7.49812500000
        assertThat(reduce.realizedPnl()).isEqualTo(dec("7.49812500000"));
        assertThat(reduce.closedQuantity()).isEqualTo(dec("0.025"));
        assertThat(reduce.change()).isEqualTo(PositionChange.CHANGED);
        Position reduced = reduce.position();
        assertThat(reduced.isOpen()).isTrue();
        assertThat(reduced.quantity()).isEqualTo(dec("0.015"));
        assertThat(reduced.entryPrice()).isEqualTo(dec("35300.07500000")); // a close leaves the entry as it is
        assertThat(reduced.exitPrice()).isEqualTo(dec("35600.00")); // one closing fill: its price, as it is
        assertThat(reduced.closedQuantity()).isEqualTo(dec("0.025"));
        assertThat(reduced.realizedPnl()).isEqualTo(dec("7.49812500000"));
        assertThat(reduced.closedAt()).isZero();

        Applied close = reduced.apply(sell("0.015", "35700.50", "0.21420300", "USDT", T0 + 3_000));
        // (35700.50 - 35300.07500000) x 0.015 = 400.42500000 x 0.015 = 6.00637500000
        assertThat(close.realizedPnl()).isEqualTo(dec("6.00637500000"));
        assertThat(close.change()).isEqualTo(PositionChange.CLOSED);
        Position closed = close.position();
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.quantity()).isEqualTo(dec("0.000"));
        assertThat(closed.closedQuantity()).isEqualTo(dec("0.040"));
        assertThat(closed.closedAt()).isEqualTo(T0 + 3_000);
        assertThat(closed.direction()).isEqualTo(Direction.LONG);
        // (0.025 x 35600.00 + 0.015 x 35700.50) / 0.040 = (890.00000 + 535.50750) / 0.040 = 35637.6875
        assertThat(closed.exitPrice()).isEqualTo(dec("35637.68750000"));
        // 7.49812500000 + 6.00637500000; the same as the trip at the averages: (35637.6875 - 35300.075) x 0.040
        assertThat(closed.realizedPnl()).isEqualTo(dec("13.50450000000"));
        // 0.14000000 + 0.42480120 + 0.35600000 + 0.21420300 = 1.13500420
        assertThat(closed.fees()).containsExactly(entry("USDT", dec("1.13500420")));
        // 13.50450000000 - 1.13500420
        assertThat(closed.netRealizedPnl()).isEqualTo(dec("12.36949580000"));
    }

    @Test
    void shortGainsWhenThePriceFallsAndLosesWhenItRises() {
        Position opened = open(ETHUSDT, sell("2.000", "2000.00", "1.60000000", "USDT", T0));
        assertThat(opened.direction()).isEqualTo(Direction.SHORT);

        Position added = opened.apply(sell("1.000", "2030.00", "0.81200000", "USDT", T0 + 1_000)).position();
        // (2.000 x 2000.00 + 1.000 x 2030.00) / 3.000 = 6030.00000 / 3.000 = 2010: a division, so 8 places
        assertThat(added.entryPrice()).isEqualTo(dec("2010.00000000"));
        assertThat(added.quantity()).isEqualTo(dec("3.000"));

        Applied cover = added.apply(buy("1.500", "1990.00", "1.19400000", "USDT", T0 + 2_000));
        // (2010.00000000 - 1990.00) x 1.500 = 20.00000000 x 1.500
        assertThat(cover.realizedPnl()).isEqualTo(dec("30.00000000000"));

        Applied close = cover.position().apply(buy("1.500", "2025.00", "1.21500000", "USDT", T0 + 3_000));
        // (2010.00000000 - 2025.00) x 1.500 = -15.00000000 x 1.500
        assertThat(close.realizedPnl()).isEqualTo(dec("-22.50000000000"));
        Position closed = close.position();
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.realizedPnl()).isEqualTo(dec("7.50000000000"));
        // (1.500 x 1990.00 + 1.500 x 2025.00) / 3.000 = (2985.00000 + 3037.50000) / 3.000 = 2007.5
        assertThat(closed.exitPrice()).isEqualTo(dec("2007.50000000"));
        // fees 1.60000000 + 0.81200000 + 1.19400000 + 1.21500000 = 4.82100000; 7.50000000000 - 4.82100000
        assertThat(closed.netRealizedPnl()).isEqualTo(dec("2.67900000000"));
    }

    @Test
    void feesInTheMarginAssetAreSubtractedFeesInBnbAreNot() {
        Position opened = open(BTCUSDT, buy("0.100", "30000.0", "0.00300000", "BNB", T0));
        Position closed = opened.apply(sell("0.100", "30500.0", "1.22000000", "USDT", T0 + 60_000)).position();

        // (30500.0 - 30000.0) x 0.100 = 500.0 x 0.100
        assertThat(closed.realizedPnl()).isEqualTo(dec("50.0000"));
        assertThat(closed.fees()).containsExactly(entry("BNB", dec("0.00300000")), entry("USDT", dec("1.22000000")));
        assertThat(closed.fee("BNB")).isEqualTo(dec("0.00300000"));
        // only the USDT fee: 50.0000 - 1.22000000; the BNB fee is not 0.003 USDT
        assertThat(closed.netRealizedPnl()).isEqualTo(dec("48.78000000"));
    }

    @Test
    void feesAllInBnbLeaveTheUsdtPnlAsItIs() {
        Position closed = open(BTCUSDT, buy("0.100", "30000.0", "0.00300000", "BNB", T0))
                .apply(sell("0.100", "30500.0", "0.00290000", "BNB", T0 + 60_000)).position();

        // 0.00300000 + 0.00290000
        assertThat(closed.fees()).containsExactly(entry("BNB", dec("0.00590000")));
        assertThat(closed.fee("USDT")).isEqualTo(dec("0"));
        assertThat(closed.netRealizedPnl()).isEqualTo(dec("50.0000"));
    }

    @Test
    void aClosingFillLargerThanThePositionIsRefused() {
        Position position = open(BTCUSDT, buy("0.010", "35000.00", "0.14000000", "USDT", T0));

        assertThatThrownBy(() -> position.apply(sell("0.011", "35100.00", "0", "USDT", T0 + 1_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.011")
                .hasMessageContaining("open quantity 0.010")
                .hasMessageContaining("LONG BTCUSDT");
        Position short_ = open(ETHUSDT, sell("2.000", "2000.00", "0", "USDT", T0));
        assertThatThrownBy(() -> short_.apply(buy("2.001", "1990.00", "0", "USDT", T0 + 1_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2.001")
                .hasMessageContaining("open quantity 2.000");
    }

    @Test
    void aClosedPositionTakesNoMoreFills() {
        Position closed = open(BTCUSDT, buy("0.010", "35000.00", "0", "USDT", T0))
                .apply(sell("0.010", "35100.00", "0", "USDT", T0 + 1_000)).position();

        assertThatThrownBy(() -> closed.apply(buy("0.010", "35000.00", "0", "USDT", T0 + 2_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Position.open");
    }

    @Test
    void aFillOlderThanThePositionIsRefused() {
        Position position = open(BTCUSDT, buy("0.010", "35000.00", "0", "USDT", T0));

        assertThatThrownBy(() -> position.apply(sell("0.005", "35100.00", "0", "USDT", T0 - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the position opened");
    }

    @Test
    void unrealizedPnlIsTheOpenQuantityMarkedAtThePrice() {
        Position longPosition = open(BTCUSDT, buy("0.010", "35000.00", "0", "USDT", T0));
        // (35123.45 - 35000.00) x 0.010 = 123.45 x 0.010
        assertThat(longPosition.unrealizedPnl(dec("35123.45"))).isEqualTo(dec("1.23450"));
        assertThat(longPosition.unrealizedPnl(dec("34900.00"))).isEqualTo(dec("-1.00000"));

        Position shortPosition = open(ETHUSDT, sell("2.000", "2000.00", "0", "USDT", T0));
        // (2000.00 - 2012.34) x 2.000 = -12.34 x 2.000
        assertThat(shortPosition.unrealizedPnl(dec("2012.34"))).isEqualTo(dec("-24.68000"));

        Position closed = shortPosition.apply(buy("2.000", "1990.00", "0", "USDT", T0 + 1_000)).position();
        assertThat(closed.unrealizedPnl(dec("2012.34"))).isEqualTo(dec("0"));
        assertThatThrownBy(() -> longPosition.unrealizedPnl(dec("0"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notionalIsQuantityTimesPrice() {
        Position position = open(BTCUSDT, buy("0.010", "35000.00", "0", "USDT", T0));
        // 0.010 x 35123.45
        assertThat(position.notional(dec("35123.45"))).isEqualTo(dec("351.23450"));
    }

    @Test
    void exitPriceOfSeveralClosingFillsIsTheirWeightedAverageRoundedOnce() {
        Position position = open(BTCUSDT, buy("0.006", "100.0", "0", "USDT", T0));

        position = position.apply(sell("0.001", "100.1", "0", "USDT", T0 + 1)).position();
        assertThat(position.exitPrice()).isEqualTo(dec("100.1"));
        position = position.apply(sell("0.002", "100.2", "0", "USDT", T0 + 2)).position();
        // (0.001 x 100.1 + 0.002 x 100.2) / 0.003 = 0.3005 / 0.003 = 100.1666...
        assertThat(position.exitPrice()).isEqualTo(dec("100.16666667"));
        position = position.apply(sell("0.003", "100.4", "0", "USDT", T0 + 3)).position();
        // (0.1001 + 0.2004 + 0.3012) / 0.006 = 0.6017 / 0.006 = 100.28333333... A running average of the rounded
        // 100.16666667 would give (0.30050000001 + 0.3012) / 0.006 = 100.283333335, HALF_EVEN 100.28333334.
        assertThat(position.exitPrice()).isEqualTo(dec("100.28333333"));
        assertThat(position.isOpen()).isFalse();
    }

    @Test
    void averagesRoundHalfEven() {
        Position exits = open(BTCUSDT, buy("2", "100", "0", "USDT", T0))
                .apply(sell("1", "100.00000002", "0", "USDT", T0 + 1)).position()
                .apply(sell("1", "100.00000003", "0", "USDT", T0 + 2)).position();
        // 200.00000005 / 2 = 100.000000025: the tie goes to the even 2 (HALF_UP would give 3)
        assertThat(exits.exitPrice()).isEqualTo(dec("100.00000002"));

        Position entries = open(BTCUSDT, buy("1", "100.00000001", "0", "USDT", T0))
                .apply(buy("1", "100.00000002", "0", "USDT", T0 + 1)).position();
        // 200.00000003 / 2 = 100.000000015: the tie goes to the even 2 (HALF_DOWN would give 1)
        assertThat(entries.entryPrice()).isEqualTo(dec("100.00000002"));
    }

    @Test
    void anAddAfterAPartialCloseAveragesWithTheLotsStillOpen() {
        Position position = open(BTCUSDT, buy("10", "100", "0", "USDT", T0));
        Applied reduce = position.apply(sell("9", "110", "0", "USDT", T0 + 1));
        // (110 - 100) x 9
        assertThat(reduce.realizedPnl()).isEqualTo(dec("90"));

        Position added = reduce.position().apply(buy("1", "200", "0", "USDT", T0 + 2)).position();
        // 1 left at 100 plus 1 at 200: (1 x 100 + 1 x 200) / 2 = 150, not (10 x 100 + 1 x 200) / 11
        assertThat(added.entryPrice()).isEqualTo(dec("150.00000000"));
        assertThat(added.quantity()).isEqualTo(dec("2"));
        assertThat(added.exitPrice()).isEqualTo(dec("110"));
        assertThat(added.realizedPnl()).isEqualTo(dec("90"));
    }
}
