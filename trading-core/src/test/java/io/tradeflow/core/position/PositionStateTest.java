package io.tradeflow.core.position;

import static io.tradeflow.core.position.Fixtures.T0;
import static io.tradeflow.core.position.Fixtures.buy;
import static io.tradeflow.core.position.Fixtures.dec;
import static io.tradeflow.core.position.Fixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The record's invariants, the constructor from published figures, and plain decimal output. */
class PositionStateTest {

    private static final Symbol BTCUSDT = new Symbol("BTCUSDT");
    private static final Symbol BTCUSD_PERP = new Symbol("BTCUSD_PERP");
    /** What the event codec writes: digits, an optional point and digits, never an exponent. */
    private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");

    @Test
    void aLinearContractHasNoMultiplier() {
        Fill fill = buy("1", "100", "0", "USDT", T0);
        assertThatThrownBy(() -> Position.open(BTCUSDT, Contract.LINEAR, dec("100"), "USDT", fill))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contractSize of a LINEAR position must be 1");
        assertThat(Position.open(BTCUSDT, Contract.LINEAR, dec("1.0"), "USDT", fill).isOpen()).isTrue();
        assertThatThrownBy(() -> Position.open(BTCUSD_PERP, Contract.INVERSE, dec("0"), "BTC", fill))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contractSize 0 is not positive");
    }

    @Test
    void refusesInconsistentStates() {
        Map<String, BigDecimal> noFees = Map.of();
        // an exit price with nothing closed
        assertThatThrownBy(() -> new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", Direction.LONG,
                dec("1"), dec("100"), dec("0"), noFees, dec("0"), dec("110"), T0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exitPrice 110 is set but nothing was closed");
        // something closed without an exit price
        assertThatThrownBy(() -> new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", Direction.LONG,
                dec("1"), dec("100"), dec("10"), noFees, dec("1"), null, T0, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("exitPrice");
        // an open position with a close time
        assertThatThrownBy(() -> new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", Direction.LONG,
                dec("1"), dec("100"), dec("0"), noFees, dec("0"), null, T0, T0 + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("closedAt " + (T0 + 1) + " is set on an open position");
        // closed before it opened
        assertThatThrownBy(() -> new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", Direction.LONG,
                dec("0"), dec("100"), dec("10"), noFees, dec("1"), dec("110"), T0, T0 - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("closedAt " + (T0 - 1) + " is before openedAt " + T0);
        // nothing at all
        assertThatThrownBy(() -> new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", Direction.LONG,
                dec("0"), dec("100"), dec("0"), noFees, dec("0"), null, T0, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both are 0");
        // a fee in an asset spelt in lower case would never be subtracted from the PnL
        assertThatThrownBy(() -> new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", Direction.LONG,
                dec("1"), dec("100"), dec("0"), Map.of("usdt", dec("0.1")), dec("0"), null, T0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid fee asset 'usdt'");
    }

    @Test
    void appliedCarriesAPnlExactlyWhenSomethingClosed() {
        Position position = Position.open(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT",
                buy("1", "100", "0", "USDT", T0));
        assertThatThrownBy(() -> new Applied(position, dec("0"), dec("1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Applied(position, dec("1"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feesAreSortedByAssetAndReadOnly() {
        Position position = Position.open(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT",
                buy("0.100", "30000.0", "1.20000000", "USDT", T0))
                .apply(buy("0.100", "30000.0", "0.00300000", "BNB", T0 + 1)).position();

        assertThat(position.fees().keySet()).containsExactly("BNB", "USDT");
        assertThatThrownBy(() -> position.fees().put("BTC", BigDecimal.ONE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aPositionFromItsPublishedFiguresContinuesFromThem() {
        // The figures of a PositionChanged: 0.040 BTC long at 35300.07500000, nothing closed.
        Position restored = new Position(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT", Direction.LONG,
                dec("0.040"), dec("35300.07500000"), dec("0"), Map.of("USDT", dec("0.56480120")), dec("0"), null, T0,
                0);
        // 0.040 x 35300.07500000
        assertThat(restored.entryValue()).isEqualTo(dec("1412.00300000000"));
        assertThat(restored.exitValue()).isEqualTo(dec("0"));

        Position added = restored.apply(buy("0.010", "35000.00", "0.14000000", "USDT", T0 + 1)).position();
        // (1412.00300000000 + 0.010 x 35000.00) / 0.050 = 1762.00300000000 / 0.050 = 35240.06
        assertThat(added.entryPrice()).isEqualTo(dec("35240.06000000"));
        // 0.56480120 + 0.14000000
        assertThat(added.fee("USDT")).isEqualTo(dec("0.70480120"));
    }

    @Test
    void decimalsGivenWithAnExponentComeOutPlain() {
        Position opened = Position.open(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT",
                new Fill(Side.BUY, new BigDecimal("1E+1"), new BigDecimal("1E+2"),
                        new BigDecimal("0E+1"), "USDT", T0, "1"));
        assertThat(opened.quantity()).hasToString("10");
        assertThat(opened.entryPrice()).hasToString("100");
        assertThat(opened.notional(new BigDecimal("1E+2"))).hasToString("1000");

        Applied close = opened.apply(new Fill(Side.SELL, new BigDecimal("1E+1"),
                new BigDecimal("1.1E+2"), new BigDecimal("0"), "USDT", T0 + 1, "2"));
        // (110 - 100) x 10 = 100, not 1E+2
        assertThat(close.realizedPnl()).hasToString("100");
        assertThat(close.position().exitPrice()).hasToString("110");
        assertPlain(close.position());
    }

    @Test
    void everyFigureOfAScenarioIsPlain() {
        Position linear = Position.open(BTCUSDT, Contract.LINEAR, BigDecimal.ONE, "USDT",
                buy("0.010", "35000.00", "0.14000000", "USDT", T0));
        linear = linear.apply(buy("0.030", "35400.10", "0.00000001", "BNB", T0 + 1)).position();
        assertPlain(linear);
        linear = linear.apply(sell("0.025", "35600.00", "0.35600000", "USDT", T0 + 2)).position();
        assertPlain(linear);
        linear = linear.apply(sell("0.015", "35700.50", "0.21420300", "USDT", T0 + 3)).position();
        assertPlain(linear);

        // 1 contract of 100 USD from 50000.0 to 50000.1: 100 x 0.1 / 2500005000.00 = 0.000000004, 0 at 8 places,
        // which BigDecimal.toString() would print as 0E-8
        Position inverse = Position.open(BTCUSD_PERP, Contract.INVERSE, dec("100"), "BTC",
                buy("1", "50000.0", "0.00000001", "BTC", T0));
        assertThat(inverse.unrealizedPnl(dec("50000.1")).toPlainString()).isEqualTo("0.00000000");
        inverse = inverse.apply(buy("2", "50001.3", "0", "BTC", T0 + 1)).position();
        assertPlain(inverse);
        inverse = inverse.apply(sell("3", "50000.1", "0", "BTC", T0 + 2)).position();
        assertPlain(inverse);
    }

    /** Every decimal of the position has a scale of at least 0 and prints without an exponent. */
    private static void assertPlain(Position position) {
        List<BigDecimal> decimals = new ArrayList<>(List.of(position.contractSize(), position.quantity(),
                position.entryPrice(), position.realizedPnl(), position.closedQuantity(), position.entryValue(),
                position.exitValue(), position.netRealizedPnl(), position.unrealizedPnl(position.entryPrice()),
                position.notional(position.entryPrice())));
        decimals.addAll(position.fees().values());
        if (position.exitPrice() != null) {
            decimals.add(position.exitPrice());
        }
        for (BigDecimal decimal : decimals) {
            assertThat(decimal.scale()).as("scale of %s", decimal.toPlainString()).isNotNegative();
            assertThat(decimal.toPlainString()).matches(PLAIN);
        }
    }
}
