package io.tradeflow.core.position;

import static io.tradeflow.core.position.Fixtures.T0;
import static io.tradeflow.core.position.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FillTest {

    private static Fill fill(BigDecimal quantity, BigDecimal price, BigDecimal fee, String feeAsset, long time,
            String tradeId) {
        return new Fill(Side.BUY, quantity, price, fee, feeAsset, time, tradeId);
    }

    @Test
    void keepsItsDecimalsAsGiven() {
        Fill fill = fill(dec("0.0010"), dec("35567.20"), dec("0.01422688"), "USDT", T0, "4113217");
        assertThat(fill.quantity()).isEqualTo(dec("0.0010"));
        assertThat(fill.price()).isEqualTo(dec("35567.20"));
        assertThat(fill.fee()).isEqualTo(dec("0.01422688"));
    }

    @Test
    void aNegativeScaleBecomesScaleZero() {
        Fill fill = fill(new BigDecimal("1E+1"), new BigDecimal("3.5E+4"), new BigDecimal("0E+2"), "USDT", T0, "1");
        assertThat(fill.quantity()).hasToString("10");
        assertThat(fill.price()).hasToString("35000");
        assertThat(fill.fee()).hasToString("0");
    }

    @Test
    void aFreeFillIsAFill() {
        assertThat(fill(dec("1"), dec("100"), dec("0"), "USDT", T0, "1").fee()).isEqualTo(dec("0"));
    }

    @Test
    void refusesOutOfRangeValuesNamingTheField() {
        assertThatThrownBy(() -> fill(dec("0"), dec("100"), dec("0"), "USDT", T0, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("quantity 0 is not positive");
        assertThatThrownBy(() -> fill(dec("-1"), dec("100"), dec("0"), "USDT", T0, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("quantity -1 is not positive");
        assertThatThrownBy(() -> fill(dec("1"), dec("0.00"), dec("0"), "USDT", T0, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("price 0.00 is not positive");
        assertThatThrownBy(() -> fill(dec("1"), dec("100"), dec("-0.01"), "USDT", T0, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fee -0.01 is negative");
        assertThatThrownBy(() -> fill(dec("1"), dec("100"), dec("0"), "usdt", T0, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid feeAsset 'usdt'");
        assertThatThrownBy(() -> fill(dec("1"), dec("100"), dec("0"), "USDT", 0, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("time 0 is not a positive epoch ms");
        assertThatThrownBy(() -> fill(dec("1"), dec("100"), dec("0"), "USDT", T0, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tradeId is blank");
    }

    @Test
    void refusesMissingValuesNamingTheField() {
        assertThatThrownBy(() -> new Fill(null, dec("1"), dec("100"), dec("0"), "USDT", T0, "1"))
                .isInstanceOf(NullPointerException.class).hasMessage("side");
        assertThatThrownBy(() -> fill(dec("1"), null, dec("0"), "USDT", T0, "1"))
                .isInstanceOf(NullPointerException.class).hasMessage("price");
        assertThatThrownBy(() -> fill(dec("1"), dec("100"), null, "USDT", T0, "1"))
                .isInstanceOf(NullPointerException.class).hasMessage("fee");
        assertThatThrownBy(() -> fill(dec("1"), dec("100"), dec("0"), null, T0, "1"))
                .isInstanceOf(NullPointerException.class).hasMessage("feeAsset");
        assertThatThrownBy(() -> fill(dec("1"), dec("100"), dec("0"), "USDT", T0, null))
                .isInstanceOf(NullPointerException.class).hasMessage("tradeId");
    }
}
