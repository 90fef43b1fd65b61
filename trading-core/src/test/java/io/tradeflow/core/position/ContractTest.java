package io.tradeflow.core.position;

import static io.tradeflow.core.position.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Market;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ContractTest {

    @Test
    void usdMIsLinearCoinMIsInverse() {
        assertThat(Contract.of(Market.USD_M)).isEqualTo(Contract.LINEAR);
        assertThat(Contract.of(Market.COIN_M)).isEqualTo(Contract.INVERSE);
    }

    @Test
    void linearPnlIsThePriceMoveTimesTheQuantityExactly() {
        // (101.75 - 100.25) x 0.5 = 1.50 x 0.5
        assertThat(Contract.LINEAR.pnl(Direction.LONG, dec("0.5"), dec("100.25"), dec("101.75"), BigDecimal.ONE))
                .isEqualTo(dec("0.750"));
        assertThat(Contract.LINEAR.pnl(Direction.SHORT, dec("0.5"), dec("100.25"), dec("101.75"), BigDecimal.ONE))
                .isEqualTo(dec("-0.750"));
    }

    @Test
    void inversePnlIsTheDifferenceOfTheReciprocalsInTheCoin() {
        // 1 x 100 x (1/20000 - 1/25000) = 100 x 0.00001 = 0.001 BTC: exact, but a division, so 8 places
        assertThat(Contract.INVERSE.pnl(Direction.LONG, dec("1"), dec("20000"), dec("25000"), dec("100")))
                .isEqualTo(dec("0.00100000"));
        assertThat(Contract.INVERSE.pnl(Direction.SHORT, dec("1"), dec("20000"), dec("25000"), dec("100")))
                .isEqualTo(dec("-0.00100000"));
        // 3 x 10 x (1/1500 - 1/1000) = 30 x -500 / 1500000 = -0.01 ETH for a long when the price falls
        assertThat(Contract.INVERSE.pnl(Direction.LONG, dec("3"), dec("1500"), dec("1000"), dec("10")))
                .isEqualTo(dec("-0.01000000"));
    }

    @Test
    void linearValueIsExact() {
        // 0.030 x 35400.10
        assertThat(Contract.LINEAR.value(dec("0.030"), dec("35400.10"), BigDecimal.ONE)).isEqualTo(dec("1062.00300"));
    }

    @Test
    void inverseValueIsInTheCoinToTwentyFourPlaces() {
        // 50 x 1 / 10000 ends: it stays exact
        assertThat(Contract.INVERSE.value(dec("50"), dec("10000"), BigDecimal.ONE)).isEqualTo(dec("0.005"));
        // 10 x 100 / 36000 = 0.0277...
        assertThat(Contract.INVERSE.value(dec("10"), dec("36000"), dec("100")))
                .isEqualTo(dec("0.027777777777777777777778"));
    }

    @Test
    void linearAverageIsTheArithmeticMean() {
        // (1 x 10000 + 2 x 13000) / 3 = 12000 (Bybit's USDT perpetual example)
        BigDecimal value = Contract.LINEAR.value(dec("1"), dec("10000"), BigDecimal.ONE)
                .add(Contract.LINEAR.value(dec("2"), dec("13000"), BigDecimal.ONE));
        assertThat(Contract.LINEAR.averagePrice(dec("3"), value, BigDecimal.ONE)).isEqualTo(dec("12000.00000000"));
    }

    @Test
    void inverseAverageIsTheHarmonicMeanByContracts() {
        // 100 / (50/10000 + 50/15000) = 100 / 0.008333... = 12000 (Bybit's inverse example); arithmetic would be 12500
        BigDecimal value = Contract.INVERSE.value(dec("50"), dec("10000"), BigDecimal.ONE)
                .add(Contract.INVERSE.value(dec("50"), dec("15000"), BigDecimal.ONE));
        assertThat(Contract.INVERSE.averagePrice(dec("100"), value, BigDecimal.ONE)).isEqualTo(dec("12000.00000000"));
    }

    @Test
    void notional() {
        assertThat(Contract.LINEAR.notional(dec("0.010"), dec("35000.00"), BigDecimal.ONE)).isEqualTo(dec("350.00000"));
        assertThat(Contract.INVERSE.notional(dec("10"), dec("35000.0"), dec("100"))).isEqualTo(dec("1000"));
    }
}
