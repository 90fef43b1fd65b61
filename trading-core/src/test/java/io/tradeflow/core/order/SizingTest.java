package io.tradeflow.core.order;

import static io.tradeflow.core.order.RealRules.btcusdPerp;
import static io.tradeflow.core.order.RealRules.btcusdt;
import static io.tradeflow.core.order.RealRules.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SizingTest {

    private final BigDecimal price = d("35567.2");

    @Test
    void usdMMarginTimesLeverageOverPriceDownToTheStep() {
        // 100 x 10 / 35567.2 = 0.02811579..., step 0.001.
        BigDecimal quantity = Sizing.quantity(btcusdt(), d("100"), 10, price);
        assertThat(quantity.toPlainString()).isEqualTo("0.028");
        assertThat(btcusdt().checkMarketOrder(quantity, price, false)).isEmpty();
    }

    @Test
    void neverRoundsUpEvenAJustMissedStep() {
        // 35.5672 x 1 / 35567.2 = 0.000999999... : one step would be 0.001, but the margin does not cover it.
        assertThat(Sizing.quantity(btcusdt(), d("35.5671"), 1, price).toPlainString()).isEqualTo("0.000");
        assertThat(Sizing.quantity(btcusdt(), d("35.5672"), 1, price).toPlainString()).isEqualTo("0.001");
    }

    @Test
    void aMarginTooSmallForOneStepGivesZeroWhichIsRefused() {
        BigDecimal quantity = Sizing.quantity(btcusdt(), d("5"), 2, price);
        assertThat(quantity.signum()).isZero();
        assertThat(btcusdt().checkMarketOrder(quantity, price, false)).map(Denial::reason)
                .contains(DenyReason.QUANTITY_BELOW_MIN);
    }

    @Test
    void aQuantityUnderTheMinimumNotionalIsRefused() {
        // 3 x 20 / 35567.2 = 0.00168... -> 0.001, notional 35.5672 < 100.
        BigDecimal quantity = Sizing.quantity(btcusdt(), d("3"), 20, price);
        assertThat(quantity.toPlainString()).isEqualTo("0.001");
        assertThat(btcusdt().checkMarketOrder(quantity, price, false)).map(Denial::reason)
                .contains(DenyReason.NOTIONAL_BELOW_MIN);
    }

    @Test
    void aQuantityOverTheMarketMaximumIsRefused() {
        // 500000 x 10 / 35567.2 = 140.57... BTC, over MARKET_LOT_SIZE maxQty 120.
        BigDecimal quantity = Sizing.quantity(btcusdt(), d("500000"), 10, price);
        assertThat(quantity.toPlainString()).isEqualTo("140.578");
        assertThat(btcusdt().checkMarketOrder(quantity, price, false)).map(Denial::reason)
                .contains(DenyReason.QUANTITY_ABOVE_MAX);
    }

    @Test
    void coinMCountsContractsOfContractSize() {
        // 0.01 BTC x 10 x 35567.2 USD/BTC / 100 USD per contract = 35.5672 contracts, step 1.
        BigDecimal contracts = Sizing.quantity(btcusdPerp(), d("0.01"), 10, price);
        assertThat(contracts.toPlainString()).isEqualTo("35");
        assertThat(btcusdPerp().notional(contracts, price).toPlainString()).isEqualTo("3500");
    }

    @Test
    void aNonTerminatingQuotientIsNoProblem() {
        // 100 / 3 has no finite decimal expansion; exact division would throw.
        assertThat(Sizing.quantity(btcusdt(), d("100"), 1, d("3")).toPlainString()).isEqualTo("33.333");
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> Sizing.quantity(btcusdt(), d("100"), 0, price))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("leverage 0 is below 1");
        assertThatThrownBy(() -> Sizing.quantity(btcusdt(), d("-1"), 10, price))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("margin -1 is negative");
        assertThatThrownBy(() -> Sizing.quantity(btcusdt(), d("100"), 10, d("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("price 0 is not positive");
    }
}
