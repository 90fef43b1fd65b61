package io.tradeflow.core.execution;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.tradeflow.core.execution.Fixtures.BOT;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry's quantity as the trader sizes it: margin per trade x leverage / the signal's reference price, rounded
 * down to the step of the real BTCUSDT filters (0.001), and the fill price rounded up to the tick (0.10).
 */
class EntrySizingTest {

    @ParameterizedTest(name = "{1} x {2} at {0} -> {3}, fills at {4}")
    @CsvSource({
            // 100 x 10 / 35567.2 = 0.028115... -> 0.028; 35567.2 x 1.0002 = 35574.31344 -> 35574.40
            "35567.2, 100.00, 10, 0.028, 35574.40",
            // 100 x 10 / 34567.2 = 0.028929... -> 0.028 (down, not to the nearer 0.029); 34567.2 x 1.0002 =
            // 34574.11344 -> 34574.20
            "34567.2, 100.00, 10, 0.028, 34574.20",
            // 100 x 10 / 25000 = 0.04 exactly, kept at the step's scale: 0.040; 25000 x 1.0002 = 25005 (on the tick)
            "25000, 100.00, 10, 0.040, 25005.00",
            // 250 x 20 / 35567.2 = 0.140578... -> 0.140
            "35567.2, 250, 20, 0.140, 35574.40",
            // 10 x 125 / 35567.2 = 0.035144... -> 0.035
            "35567.2, 10, 125, 0.035, 35574.40",
    })
    void theQuantityIsRoundedDownToTheStep(String reference, String margin, int leverage, String quantity,
                                           String fillPrice) {
        SignalGenerated signal = enterLong(BOT, T0, reference, "20000", "40000");

        List<OrderUpdated> orders = new Desk().signal(signal, bot(BOT, margin, leverage)).orders();

        OrderUpdated filled = orders.get(1);
        assertThat(filled.role()).isEqualTo(OrderRole.ENTRY);
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.quantity().toPlainString()).isEqualTo(quantity);
        assertThat(filled.lastFillPrice().toPlainString()).isEqualTo(fillPrice);
        // The bracket is for the same quantity.
        assertThat(orders.subList(2, 4)).allSatisfy(order -> assertThat(order.quantity().toPlainString())
                .isEqualTo(quantity));
    }
}
