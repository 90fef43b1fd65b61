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
import org.junit.jupiter.api.Test;

/**
 * COIN-M positions: quantities in contracts, prices in USD, PnL and fees in the coin. Expected numbers are worked by
 * hand in the comments (8-place results rounded HALF_EVEN at the division).
 */
class InversePositionTest {

    private static final Symbol BTCUSD_PERP = new Symbol("BTCUSD_PERP");
    private static final Symbol ETHUSD_PERP = new Symbol("ETHUSD_PERP");

    /** BTCUSD_PERP: contracts of 100 USD, margin in BTC. */
    private static Position openBtc(Fill first) {
        return Position.open(BTCUSD_PERP, Contract.INVERSE, dec("100"), "BTC", first);
    }

    /** ETHUSD_PERP: contracts of 10 USD, margin in ETH. */
    private static Position openEth(Fill first) {
        return Position.open(ETHUSD_PERP, Contract.INVERSE, dec("10"), "ETH", first);
    }

    @Test
    void longOpensAddsReducesAndCloses() {
        Position opened = openBtc(buy("10", "35000.0", "0.00001429", "BTC", T0));
        assertThat(opened.direction()).isEqualTo(Direction.LONG);
        assertThat(opened.entryPrice()).isEqualTo(dec("35000.0"));

        Position added = opened.apply(buy("10", "36000.0", "0.00001389", "BTC", T0 + 1_000)).position();
        assertThat(added.quantity()).isEqualTo(dec("20"));
        // harmonic: 20 / (10/35000.0 + 10/36000.0) = 20 x 35000 x 36000 / (10 x 36000 + 10 x 35000)
        //         = 25200000000 / 710000 = 35492.957746478...; the arithmetic mean would be 35500
        assertThat(added.entryPrice()).isEqualTo(dec("35492.95774648"));

        Applied reduce = added.apply(sell("5", "37000.0", "0.00000676", "BTC", T0 + 2_000));
        // 5 x 100 x (1/35492.95774648 - 1/37000.0) = 500 x 1507.04225352 / (35492.95774648 x 37000.0)
        //   = 753521.12676 / 1313239436.61976 = 0.000573788...
        assertThat(reduce.realizedPnl()).isEqualTo(dec("0.00057379"));
        assertThat(reduce.change()).isEqualTo(PositionChange.CHANGED);
        assertThat(reduce.position().quantity()).isEqualTo(dec("15"));
        assertThat(reduce.position().entryPrice()).isEqualTo(dec("35492.95774648"));
        assertThat(reduce.position().exitPrice()).isEqualTo(dec("37000.0"));

        Applied close = reduce.position().apply(sell("15", "38000.0", "0.00001974", "BTC", T0 + 3_000));
        // 15 x 100 x (1/35492.95774648 - 1/38000.0) = 1500 x 2507.04225352 / (35492.95774648 x 38000.0)
        //   = 3760563.38028 / 1348732394.36624 = 0.002788220...
        assertThat(close.realizedPnl()).isEqualTo(dec("0.00278822"));
        assertThat(close.change()).isEqualTo(PositionChange.CLOSED);
        Position closed = close.position();
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.closedAt()).isEqualTo(T0 + 3_000);
        assertThat(closed.closedQuantity()).isEqualTo(dec("20"));
        // harmonic: 20 / (5/37000.0 + 15/38000.0) = 20 x 37000 x 38000 / (5 x 38000 + 15 x 37000)
        //         = 28120000000 / 745000 = 37744.966442953...
        assertThat(closed.exitPrice()).isEqualTo(dec("37744.96644295"));
        // 0.00057379 + 0.00278822 BTC
        assertThat(closed.realizedPnl()).isEqualTo(dec("0.00336201"));
        // 0.00001429 + 0.00001389 + 0.00000676 + 0.00001974 = 0.00005468 BTC; 0.00336201 - 0.00005468
        assertThat(closed.fees()).containsExactly(entry("BTC", dec("0.00005468")));
        assertThat(closed.netRealizedPnl()).isEqualTo(dec("0.00330733"));
    }

    @Test
    void shortGainsCoinWhenThePriceFalls() {
        Position opened = openEth(sell("100", "2000.00", "0.00025000", "ETH", T0));
        assertThat(opened.direction()).isEqualTo(Direction.SHORT);
        // 100 x 10 x (2000.00 - 2100.00) / (2000.00 x 2100.00) = -100000.00 / 4200000.0000 = -0.0238095238...
        assertThat(opened.unrealizedPnl(dec("2100.00"))).isEqualTo(dec("-0.02380952"));

        Applied close = opened.apply(buy("100", "1900.00", "0.00026316", "ETH", T0 + 1_000));
        // 100 x 10 x (1/1900.00 - 1/2000.00) = 1000 x 100.00 / (2000.00 x 1900.00) = 0.0263157894...
        assertThat(close.realizedPnl()).isEqualTo(dec("0.02631579"));
        Position closed = close.position();
        assertThat(closed.exitPrice()).isEqualTo(dec("1900.00"));
        // 0.02631579 - (0.00025000 + 0.00026316)
        assertThat(closed.netRealizedPnl()).isEqualTo(dec("0.02580263"));
    }

    @Test
    void unrealizedPnlIsInTheCoin() {
        Position position = openBtc(buy("10", "35000.0", "0", "BTC", T0));
        // 10 x 100 x (1/35000.0 - 1/40000.0) = 1000 x 5000.0 / (35000.0 x 40000.0) = 0.0035714285...
        assertThat(position.unrealizedPnl(dec("40000.0"))).isEqualTo(dec("0.00357143"));
        // at the entry price: nothing, still with the 8 places of a division
        assertThat(position.unrealizedPnl(dec("35000.0"))).isEqualTo(dec("0.00000000"));
    }

    @Test
    void notionalIsContractsTimesContractSizeInUsdWhateverThePrice() {
        Position position = openBtc(buy("10", "35000.0", "0", "BTC", T0));
        // 10 x 100 USD
        assertThat(position.notional(dec("35000.0"))).isEqualTo(dec("1000"));
        assertThat(position.notional(dec("40000.0"))).isEqualTo(dec("1000"));
    }

    @Test
    void fillsAtOnePriceAverageToThatPrice() {
        Position position = openBtc(buy("10", "35000.0", "0", "BTC", T0))
                .apply(buy("7", "35000.0", "0", "BTC", T0 + 1)).position()
                .apply(buy("3", "35000.0", "0", "BTC", T0 + 2)).position();
        // 20 x 100 / (1000/35000.0 + 700/35000.0 + 300/35000.0): a coin value kept to a satoshi would have given
        // 2000 / (0.02857143 + 0.02000000 + 0.00857143) = 34999.99825...
        assertThat(position.entryPrice()).isEqualTo(dec("35000.00000000"));
    }

    @Test
    void aClosingFillLargerThanThePositionIsRefused() {
        Position position = openBtc(buy("10", "35000.0", "0", "BTC", T0));

        assertThatThrownBy(() -> position.apply(sell("11", "36000.0", "0", "BTC", T0 + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fill t-" + (T0 + 1) + " of 11 is larger than the open quantity 10");
    }
}
