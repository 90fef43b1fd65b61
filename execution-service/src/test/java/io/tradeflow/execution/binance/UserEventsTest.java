package io.tradeflow.execution.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.execution.binance.UserEvent.AccountUpdate;
import io.tradeflow.execution.binance.UserEvent.AlgoUpdate;
import io.tradeflow.execution.binance.UserEvent.ListenKeyExpired;
import io.tradeflow.execution.binance.UserEvent.OrderTradeUpdate;
import io.tradeflow.execution.binance.UserEvent.Other;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserEventsTest {

    private static UserEvent sample(String file) {
        return UserEvents.parse(ParsingSamples.read(file));
    }

    @Test
    void officialOrderTradeUpdate() {
        OrderTradeUpdate u = (OrderTradeUpdate) sample("usdm_user_ORDER_TRADE_UPDATE.official_docs.json");

        assertThat(u.eventTime()).isEqualTo(1568879465651L);
        assertThat(u.transactionTime()).isEqualTo(1568879465650L);
        assertThat(u.symbol()).isEqualTo("BTCUSDT");
        assertThat(u.clientOrderId()).isEqualTo("TEST");
        assertThat(u.side()).isEqualTo("SELL");
        assertThat(u.orderType()).isEqualTo("TRAILING_STOP_MARKET");
        assertThat(u.originalOrderType()).isEqualTo("TRAILING_STOP_MARKET");
        assertThat(u.executionType()).isEqualTo("NEW");
        assertThat(u.status()).isEqualTo("NEW");
        assertThat(u.orderId()).isEqualTo(8886774L);
        assertThat(u.originalQuantity().toPlainString()).isEqualTo("0.001");
        assertThat(u.stopPrice().toPlainString()).isEqualTo("7103.04");
        assertThat(u.commissionAsset()).isEqualTo("USDT");
        assertThat(u.commission().toPlainString()).isEqualTo("0");
        assertThat(u.tradeId()).isZero();
        assertThat(u.reduceOnly()).isFalse();
        assertThat(u.positionSide()).isEqualTo("LONG");
        assertThat(u.workingType()).isEqualTo("CONTRACT_PRICE");
        assertThat(u.realizedProfit().toPlainString()).isEqualTo("0");
        assertThat(u.isFill()).isFalse();
    }

    @Test
    void olderRealOrderTradeUpdateWithoutCommissionFields() {
        OrderTradeUpdate u = (OrderTradeUpdate) sample("usdm_user_ORDER_TRADE_UPDATE.real_capture.json");

        assertThat(u.eventTime()).isEqualTo(1617859867772L);
        assertThat(u.symbol()).isEqualTo("SANDUSDT");
        assertThat(u.clientOrderId()).isEqualTo("electron_6LyJZ9KPgmRbhKfFamx3");
        assertThat(u.side()).isEqualTo("BUY");
        assertThat(u.orderType()).isEqualTo("LIMIT");
        assertThat(u.originalPrice().toPlainString()).isEqualTo("0.63428");
        assertThat(u.originalQuantity().toPlainString()).isEqualTo("1000");
        assertThat(u.orderId()).isEqualTo(315803079L);
        assertThat(u.commission()).isNull();
        assertThat(u.commissionAsset()).isNull();
        assertThat(u.positionSide()).isEqualTo("LONG");
        assertThat(u.tradeTime()).isEqualTo(1617859867769L);
    }

    @Test
    void aFillKeepsBinanceDecimalsExactly() {
        // The docs sample turned into a partial fill (values made up for the test, trailing zeros on purpose).
        String fill = ParsingSamples.read("usdm_user_ORDER_TRADE_UPDATE.official_docs.json")
                .replace("\"x\": \"NEW\"", "\"x\": \"TRADE\"")
                .replace("\"X\": \"NEW\"", "\"X\": \"PARTIALLY_FILLED\"")
                .replace("\"l\": \"0\"", "\"l\": \"0.00050\"")
                .replace("\"L\": \"0\"", "\"L\": \"7103.10\"")
                .replace("\"n\": \"0\"", "\"n\": \"0.00177577\"")
                .replace("\"t\": 0", "\"t\": 109100866");

        OrderTradeUpdate u = (OrderTradeUpdate) UserEvents.parse(fill);

        assertThat(u.isFill()).isTrue();
        assertThat(u.lastFilledQuantity().toPlainString()).isEqualTo("0.00050");
        assertThat(u.lastFilledPrice().toPlainString()).isEqualTo("7103.10");
        assertThat(u.commission().toPlainString()).isEqualTo("0.00177577");
        assertThat(u.tradeId()).isEqualTo(109100866L);
    }

    @Test
    void officialAlgoUpdateBeforeAnyChildOrder() {
        AlgoUpdate u = (AlgoUpdate) sample("usdm_user_ALGO_UPDATE.official_docs.json");

        assertThat(u.eventTime()).isEqualTo(1750515742303L);
        assertThat(u.transactionTime()).isEqualTo(1750515742297L);
        assertThat(u.clientAlgoId()).isEqualTo("Q5xaq5EGKgXXa0fD7fs0Ip");
        assertThat(u.algoId()).isEqualTo(2148719L);
        assertThat(u.algoType()).isEqualTo("CONDITIONAL");
        assertThat(u.orderType()).isEqualTo("TAKE_PROFIT");
        assertThat(u.algoStatus()).isEqualTo("CANCELED");
        assertThat(u.actualOrderId()).isEmpty();
        assertThat(u.quantity().toPlainString()).isEqualTo("0.01");
        assertThat(u.triggerPrice().toPlainString()).isEqualTo("750");
        assertThat(u.averagePrice().toPlainString()).isEqualTo("0.00000");
        assertThat(u.triggerTime()).isZero();
        assertThat(u.failureReason()).isEqualTo("Reduce Only reject");
    }

    @Test
    void realTriggeredAlgoUpdateNamesItsChildOrder() {
        // Captured from a combined stream: the parser unwraps {"stream":..,"data":{..}}.
        AlgoUpdate u = (AlgoUpdate) sample("usdm_user_ALGO_UPDATE_TRIGGERED.real_capture.json");

        assertThat(u.clientAlgoId()).isEqualTo("O-20251211-053131-ZYWR-000-9");
        assertThat(u.algoId()).isEqualTo(1000000033225453L);
        assertThat(u.orderType()).isEqualTo("STOP_MARKET");
        assertThat(u.algoStatus()).isEqualTo("TRIGGERED");
        assertThat(u.actualOrderId()).isEqualTo(OptionalLong.of(88937381063L));
        assertThat(u.actualOrderType()).isEqualTo("MARKET");
        assertThat(u.triggerPrice().toPlainString()).isEqualTo("0.13855");
        assertThat(u.triggerTime()).isEqualTo(1765431097019L);
        assertThat(u.failureReason()).isNull();
    }

    @Test
    void officialAccountUpdate() {
        AccountUpdate u = (AccountUpdate) sample("usdm_user_ACCOUNT_UPDATE.official_docs.json");

        assertThat(u.eventTime()).isEqualTo(1564745798939L);
        assertThat(u.reason()).isEqualTo("ORDER");
        assertThat(u.balances()).hasSize(2);
        assertThat(u.balances().get(0).asset()).isEqualTo("USDT");
        assertThat(u.balances().get(0).walletBalance().toPlainString()).isEqualTo("122624.12345678");
        assertThat(u.balances().get(1).balanceChange().toPlainString()).isEqualTo("-49.12345678");
        assertThat(u.positions()).hasSize(3);
        AccountUpdate.PositionState shortSide = u.positions().get(2);
        assertThat(shortSide.positionSide()).isEqualTo("SHORT");
        assertThat(shortSide.positionAmount().toPlainString()).isEqualTo("-10");
        assertThat(shortSide.entryPrice().toPlainString()).isEqualTo("6563.86000");
        assertThat(shortSide.breakEvenPrice().toPlainString()).isEqualTo("6563.6");
        assertThat(shortSide.unrealizedProfit().toPlainString()).isEqualTo("-1423.15600");
        assertThat(shortSide.marginType()).isEqualTo("isolated");
    }

    @Test
    void olderRealAccountUpdate() {
        AccountUpdate u = (AccountUpdate) sample("usdm_user_ACCOUNT_UPDATE.real_capture.json");

        assertThat(u.reason()).isEqualTo("ORDER");
        assertThat(u.balances()).singleElement().satisfies(b -> {
            assertThat(b.walletBalance().toPlainString()).isEqualTo("1790.86605837");
            assertThat(b.balanceChange()).isNull();
        });
        assertThat(u.positions()).hasSize(2);
        assertThat(u.positions().get(1).symbol()).isEqualTo("CHZUSDT");
        assertThat(u.positions().get(1).positionAmount().toPlainString()).isEqualTo("2684");
        assertThat(u.positions().get(1).breakEvenPrice()).isNull();
    }

    @Test
    void officialListenKeyExpiredKeepsTheKeyOutOfToString() {
        ListenKeyExpired e = (ListenKeyExpired) sample("usdm_user_listenKeyExpired.official_docs.json");

        assertThat(e.eventTime()).isEqualTo(1736996475556L);
        assertThat(e.listenKey()).isEqualTo("WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv");
        assertThat(e.toString()).doesNotContain("WsCMN0a4");
    }

    @Test
    void documentedEventsWeDoNotUseAreOther() {
        assertThat(sample("usdm_user_TRADE_LITE.official_docs.json"))
                .isEqualTo(new Other(1721895408092L, "TRADE_LITE", true));
        assertThat(sample("usdm_user_ACCOUNT_CONFIG_UPDATE.real_capture.json"))
                .isEqualTo(new Other(1617971759721L, "ACCOUNT_CONFIG_UPDATE", true));
        assertThat(sample("usdm_user_MARGIN_CALL.official_docs.json"))
                .isEqualTo(new Other(1587727187525L, "MARGIN_CALL", true));
    }

    @Test
    void anUnknownEventTypeIsOtherAndMarkedUnknown() {
        assertThat(UserEvents.parse("{\"e\":\"SOMETHING_NEW\",\"E\":1750000000000,\"x\":{\"y\":1}}"))
                .isEqualTo(new Other(1750000000000L, "SOMETHING_NEW", false));
    }

    @Test
    void malformedJsonIsRefused() {
        assertThatThrownBy(() -> UserEvents.parse("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,"))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessageStartingWith("user-data message: not JSON");
        assertThatThrownBy(() -> UserEvents.parse("")).isInstanceOf(BinancePayloadException.class);
        assertThatThrownBy(() -> UserEvents.parse("[1,2]"))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("user-data message: is not a JSON object");
        assertThatThrownBy(() -> UserEvents.parse("{\"result\":null,\"id\":1}"))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("user-data message: e (event type) is missing");
    }

    @Test
    void aMissingRequiredFieldNamesTheEventAndTheField() {
        String withoutStatus = ParsingSamples.read("usdm_user_ORDER_TRADE_UPDATE.official_docs.json")
                .replace("\"X\": \"NEW\",", "");

        assertThatThrownBy(() -> UserEvents.parse(withoutStatus))
                .isInstanceOfSatisfying(BinancePayloadException.class, e -> {
                    assertThat(e.payload()).isEqualTo("ORDER_TRADE_UPDATE");
                    assertThat(e.field()).isEqualTo("o.X (status)");
                })
                .hasMessage("ORDER_TRADE_UPDATE: o.X (status) is missing");
    }

    @Test
    void aFieldOfTheWrongKindIsRefused() {
        String badId = ParsingSamples.read("usdm_user_ALGO_UPDATE.official_docs.json")
                .replace("\"ai\": \"\"", "\"ai\": \"child\"");
        String badDecimal = ParsingSamples.read("usdm_user_ACCOUNT_UPDATE.official_docs.json")
                .replace("\"pa\": \"-10\"", "\"pa\": \"ten\"");
        String noEventTime = "{\"e\":\"ACCOUNT_UPDATE\",\"T\":1,\"a\":{\"m\":\"ORDER\",\"B\":[],\"P\":[]}}";

        assertThatThrownBy(() -> UserEvents.parse(badId))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("ALGO_UPDATE: o.ai (actual orderId) is not an integer: \"child\"");
        assertThatThrownBy(() -> UserEvents.parse(badDecimal))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("ACCOUNT_UPDATE: a.P[2].pa (position amount) is not a decimal: \"ten\"");
        assertThatThrownBy(() -> UserEvents.parse(noEventTime))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("ACCOUNT_UPDATE: E (event time) is missing");
    }
}
