package io.tradeflow.core.execution;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tradeflow.core.execution.Fixtures.MINUTE;
import static io.tradeflow.core.execution.Fixtures.T0;
import static io.tradeflow.core.execution.Fixtures.bot;
import static io.tradeflow.core.execution.Fixtures.enterLong;
import static org.assertj.core.api.Assertions.assertThat;

class ClientOrderIdsTest {

    /** Bot ids have no length limit; 200 characters is far beyond any Binance id field. */
    private static final String LONG_BOT_ID = ("bot-with-a-rather-long-name-" + "x".repeat(200)).substring(0, 200);

    @Test
    void theIdIsTheFirst112BitsOfTheSignalIdsSha256AndTheRoleCode() {
        // printf '%s' 'btc-ema-cross-BTCUSDT-1m-1700006400000' | sha256sum | cut -c1-28  ->  362da4596abd439568d5d88ec712
        // Pinned: stored intents and orders at the venue are found by these ids, so they must not change between
        // releases.
        String signalId = "btc-ema-cross-BTCUSDT-1m-1700006400000";
        assertThat(ClientOrderIds.of(signalId, OrderRole.ENTRY)).isEqualTo("tf-362da4596abd439568d5d88ec712-E");
        assertThat(ClientOrderIds.of(signalId, OrderRole.STOP_LOSS)).isEqualTo("tf-362da4596abd439568d5d88ec712-SL");
        assertThat(ClientOrderIds.of(signalId, OrderRole.TAKE_PROFIT)).isEqualTo("tf-362da4596abd439568d5d88ec712-TP");
        assertThat(ClientOrderIds.of(signalId, OrderRole.EXIT)).isEqualTo("tf-362da4596abd439568d5d88ec712-X");
    }

    @Test
    void everyRoleOfASignalOfA200CharacterBotFitsBinancesPattern() {
        SignalGenerated signal = enterLong(LONG_BOT_ID, T0, "35567.2", "35400", "35800");
        assertThat(signal.signalId()).hasSize(200 + "-BTCUSDT-1m-1700006400000".length());

        for (OrderRole role : OrderRole.values()) {
            String id = ClientOrderIds.of(signal.signalId(), role);
            assertThat(id).matches(ClientOrderIds.BINANCE_PATTERN).hasSizeLessThanOrEqualTo(36)
                    .endsWith("-" + ClientOrderIds.code(role));
        }
    }

    @Test
    void aBotIdWithCharactersBinanceRefusesStillGivesAValidId() {
        // Space, '#', '(', 'ü' are all outside ^[.A-Z:/a-z0-9_-]{1,36}$; the hash hides them.
        SignalGenerated signal = enterLong("Bot ü #1 (paper)", T0, "35567.2", "35400", "35800");

        assertThat(ClientOrderIds.of(signal.signalId(), OrderRole.ENTRY)).matches(ClientOrderIds.BINANCE_PATTERN);
    }

    @Test
    void differentSignalsOrRolesGiveDifferentIdsAndTheSameGiveTheSame() {
        // Two 200-character bot ids that differ only in their last character, two klines, four roles: 16 orders.
        String otherBotId = LONG_BOT_ID.substring(0, 199) + "y";
        List<String> ids = new ArrayList<>();
        for (String botId : List.of(LONG_BOT_ID, otherBotId)) {
            for (long klineOpenTime : List.of(T0, T0 + MINUTE)) {
                String signalId = enterLong(botId, klineOpenTime, "35567.2", "35400", "35800").signalId();
                for (OrderRole role : OrderRole.values()) {
                    String id = ClientOrderIds.of(signalId, role);
                    // The same signal and role again (a redelivery) gives the same id.
                    assertThat(ClientOrderIds.of(signalId, role)).isEqualTo(id);
                    ids.add(id);
                }
            }
        }

        assertThat(new HashSet<>(ids)).hasSize(16);
    }

    @Test
    void theOrdersOfA200CharacterBotCarryTheseIds() {
        BotDefinition bot = bot(LONG_BOT_ID);
        SignalGenerated signal = enterLong(LONG_BOT_ID, T0, "35567.2", "35400", "35800");

        List<OrderUpdated> orders = new Desk().signal(signal, bot).orders();

        // Entry NEW and FILLED, stop-loss NEW, take-profit NEW.
        assertThat(orders).extracting(OrderUpdated::clientOrderId).containsExactly(
                ClientOrderIds.of(signal.signalId(), OrderRole.ENTRY), ClientOrderIds.of(signal.signalId(), OrderRole.ENTRY),
                ClientOrderIds.of(signal.signalId(), OrderRole.STOP_LOSS),
                ClientOrderIds.of(signal.signalId(), OrderRole.TAKE_PROFIT));
        Set<String> distinct = new HashSet<>();
        orders.forEach(order -> {
            assertThat(order.clientOrderId()).matches(ClientOrderIds.BINANCE_PATTERN);
            distinct.add(order.clientOrderId());
        });
        assertThat(distinct).hasSize(3);
    }
}
