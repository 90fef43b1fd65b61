package io.tradeflow.core.execution;

import static io.tradeflow.core.execution.Fixtures.MINUTE;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static io.tradeflow.core.execution.Fixtures.kline;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.event.OrderUpdated;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several bots' stops on one kline fill in bot id order, whatever order the bots entered in. */
class PaperStopOrderTest {

    @Test
    void stopsHitOnOneKlineFillInBotIdOrderAndEachAccountIsStored() {
        Desk desk = new Desk();
        for (String botId : List.of("c-bot", "a-bot", "b-bot")) {
            desk.signal(enterLong(botId, T0, "35567.2", "35400.05", "35800.07"), bot(botId));
        }

        List<OrderUpdated> events = desk.kline(kline(T0 + MINUTE, "35570.0", "35580.0", "35300.0", "35350.0"));

        assertThat(events).filteredOn(e -> e.role() == OrderRole.STOP_LOSS && e.status() == OrderStatus.FILLED)
                .extracting(OrderUpdated::botId).containsExactly("a-bot", "b-bot", "c-bot");
        assertThat(List.of("a-bot", "b-bot", "c-bot")).allSatisfy(botId ->
                assertThat(desk.account(botId).flat()).as(botId + " stopped out").isTrue());
        assertThat(desk.kline(kline(T0 + 2 * MINUTE, "35350.0", "35360.0", "35000.0", "35100.0"))).isEmpty();
    }
}
