package io.tradeflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EquityCurveTest {

    @Test
    void holdsEveryPointInOrderPastItsFirstArraysAndEqualsTheListOfPoints() {
        EquityCurve.Builder builder = new EquityCurve.Builder();
        List<EquityPoint> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            EquityPoint point = new EquityPoint(60_000L * i, BigDecimal.valueOf(10_000 + i, 2), i % 7 == 0);
            builder.add(point.time(), point.equity(), point.inMarket());
            expected.add(point);
        }

        EquityCurve curve = builder.build();

        assertThat(curve).hasSize(3000).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(curve.get(2999)).isEqualTo(new EquityPoint(60_000L * 2999, new BigDecimal("129.99"), false));
        assertThat(curve.get(2996).inMarket()).isTrue();
        assertThatThrownBy(() -> curve.get(3000)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> curve.add(curve.getFirst())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRunKeepsTheCurveAsBuiltAndAnyOtherListIsCopied() {
        EquityCurve.Builder builder = new EquityCurve.Builder();
        builder.add(1L, BigDecimal.TEN, false);
        EquityCurve curve = builder.build();
        builder.add(2L, BigDecimal.ONE, true);

        assertThat(curve).as("a curve built does not see later points").hasSize(1);
    }
}
