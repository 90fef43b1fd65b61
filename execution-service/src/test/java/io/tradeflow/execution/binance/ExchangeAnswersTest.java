package io.tradeflow.execution.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExchangeAnswersTest {

    @Test
    void officialNewOrderAnswer() {
        OrderAnswer a = ExchangeAnswers.order(
                ParsingSamples.read("usdm_rest_new_order_response_LIMIT.official_docs.json"));

        assertThat(a.orderId()).isEqualTo(22542179L);
        assertThat(a.clientOrderId()).isEqualTo("testOrder");
        assertThat(a.status()).isEqualTo("NEW");
        assertThat(a.orderType()).isEqualTo("LIMIT");
        assertThat(a.side()).isEqualTo("BUY");
        assertThat(a.positionSide()).isEqualTo("SHORT");
        assertThat(a.originalQuantity().toPlainString()).isEqualTo("10");
        assertThat(a.executedQuantity().toPlainString()).isEqualTo("0");
        assertThat(a.averagePrice().toPlainString()).isEqualTo("0.00000");
        assertThat(a.cumulativeQuote().toPlainString()).isEqualTo("0");
        assertThat(a.reduceOnly()).isFalse();
        assertThat(a.updateTime()).isEqualTo(1566818724722L);
        assertThat(a.time()).isZero();
    }

    @Test
    void officialTrailingStopOrderAnswer() {
        OrderAnswer a = ExchangeAnswers.order(
                ParsingSamples.read("usdm_rest_new_order_response_TRAILING_STOP_MARKET.official_docs.json"));

        assertThat(a.orderType()).isEqualTo("TRAILING_STOP_MARKET");
        assertThat(a.originalOrderType()).isEqualTo("TRAILING_STOP_MARKET");
        assertThat(a.stopPrice().toPlainString()).isEqualTo("9300");
        assertThat(a.workingType()).isEqualTo("CONTRACT_PRICE");
    }

    @Test
    void officialSdkOrderAnswerWithoutAveragePrice() {
        OrderAnswer a = ExchangeAnswers.order(
                ParsingSamples.read("usdm_rest_new_order_response.official_sdk_fixture.json"));

        assertThat(a.side()).isEqualTo("SELL");
        assertThat(a.timeInForce()).isEqualTo("GTD");
        assertThat(a.averagePrice()).isNull();
        assertThat(a.cumulativeQuote()).isNull();
        assertThat(a.cumulativeQuantity().toPlainString()).isEqualTo("0");
    }

    @Test
    void officialQueryOrderAnswer() {
        OrderAnswer a = ExchangeAnswers.order(ParsingSamples.read("usdm_rest_query_order_response.official_docs.json"));

        assertThat(a.orderId()).isEqualTo(1917641L);
        assertThat(a.clientOrderId()).isEqualTo("abc");
        assertThat(a.originalQuantity().toPlainString()).isEqualTo("0.40");
        assertThat(a.cumulativeQuantity()).isNull();
        assertThat(a.time()).isEqualTo(1579276756075L);
    }

    @Test
    void realBatchOrderItem() {
        List<OrderAnswer> answers = ExchangeAnswers.orders(
                ParsingSamples.read("usdm_rest_batch_orders_response_item.ccxt_real_capture.json"));

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.orderId()).isEqualTo(4087922044L);
            assertThat(a.clientOrderId()).isEqualTo("x-xcKtGhcu04075babaeb34c55af79ba");
            assertThat(a.price().toPlainString()).isEqualTo("110001.00");
            assertThat(a.originalQuantity().toPlainString()).isEqualTo("0.200");
            assertThat(a.executedQuantity().toPlainString()).isEqualTo("0.000");
            assertThat(a.cumulativeQuote().toPlainString()).isEqualTo("0.00000");
            assertThat(a.positionSide()).isEqualTo("BOTH");
            assertThat(a.updateTime()).isEqualTo(1739781831932L);
        });
    }

    @Test
    void officialNewAlgoOrderAnswer() {
        AlgoOrderAnswer a = ExchangeAnswers.algoOrder(
                ParsingSamples.read("usdm_rest_new_algo_order_response.official_docs.json"));

        assertThat(a.algoId()).isEqualTo(2146760L);
        assertThat(a.clientAlgoId()).isEqualTo("6B2I9XVcJpCjqPAJ4YoFX7");
        assertThat(a.algoType()).isEqualTo("CONDITIONAL");
        assertThat(a.orderType()).isEqualTo("TAKE_PROFIT");
        assertThat(a.algoStatus()).isEqualTo("NEW");
        assertThat(a.quantity().toPlainString()).isEqualTo("0.01");
        assertThat(a.triggerPrice().toPlainString()).isEqualTo("750.000");
        assertThat(a.actualOrderId()).isEmpty();
        assertThat(a.activatePrice()).isNull();
        assertThat(a.callbackRate()).isNull();
        assertThat(a.createTime()).isEqualTo(1750485492076L);
        assertThat(a.triggerTime()).isZero();
    }

    @Test
    void officialQueryAlgoOrderAnswer() {
        AlgoOrderAnswer a = ExchangeAnswers.algoOrder(
                ParsingSamples.read("usdm_rest_query_algo_order_response.official_docs.json"));

        assertThat(a.algoStatus()).isEqualTo("CANCELED");
        assertThat(a.actualOrderId()).isEmpty();
        assertThat(a.actualPrice().toPlainString()).isEqualTo("0.00000");
        assertThat(a.updateTime()).isEqualTo(1750514545091L);
    }

    @Test
    void aTriggeredAlgoOrderAnswerNamesItsChild() {
        // Binance writes actualOrderId as a string, "" before the trigger; this value is made up for the test.
        String triggered = ParsingSamples.read("usdm_rest_query_algo_order_response.official_docs.json")
                .replace("\"actualOrderId\": \"\"", "\"actualOrderId\": \"88937381063\"");

        assertThat(ExchangeAnswers.algoOrder(triggered).actualOrderId()).isEqualTo(OptionalLong.of(88937381063L));
    }

    @Test
    void officialOpenAlgoOrders() {
        List<AlgoOrderAnswer> open = ExchangeAnswers.algoOrders(
                ParsingSamples.read("usdm_rest_open_algo_orders_response.official_docs.json"));

        assertThat(open).singleElement().satisfies(a -> {
            assertThat(a.algoId()).isEqualTo(2148627L);
            assertThat(a.clientAlgoId()).isEqualTo("MRumok0dkhrP4kCm12AHaB");
            assertThat(a.side()).isEqualTo("SELL");
            assertThat(a.reduceOnly()).isFalse();
        });
    }

    @Test
    void officialPositionRiskOneWayAndHedge() {
        PositionRisk oneWay = ExchangeAnswers.positionRisks(
                ParsingSamples.read("usdm_rest_position_risk_v3_one_way.official_docs.json")).getFirst();
        List<PositionRisk> hedge = ExchangeAnswers.positionRisks(
                ParsingSamples.read("usdm_rest_position_risk_v3_hedge.official_docs.json"));

        assertThat(oneWay.symbol()).isEqualTo("ADAUSDT");
        assertThat(oneWay.positionSide()).isEqualTo("BOTH");
        assertThat(oneWay.positionAmount().toPlainString()).isEqualTo("30");
        assertThat(oneWay.markPrice().toPlainString()).isEqualTo("0.41047590");
        assertThat(oneWay.maintenanceMargin().toPlainString()).isEqualTo("0.08004280");
        assertThat(oneWay.updateTime()).isEqualTo(1720736417660L);
        assertThat(hedge).hasSize(2);
        PositionRisk shortSide = hedge.get(1);
        assertThat(shortSide.positionSide()).isEqualTo("SHORT");
        assertThat(shortSide.positionAmount().toPlainString()).isEqualTo("-1.000");
        assertThat(shortSide.breakEvenPrice().toPlainString()).isEqualTo("70.900038636");
        assertThat(shortSide.notional().toPlainString()).isEqualTo("-49.72023376");
    }

    @Test
    void officialUserTrades() {
        UserTrade t = ExchangeAnswers.userTrades(
                ParsingSamples.read("usdm_rest_user_trades_response.official_docs.json")).getFirst();

        assertThat(t.tradeId()).isEqualTo(698759L);
        assertThat(t.orderId()).isEqualTo(25851813L);
        assertThat(t.side()).isEqualTo("SELL");
        assertThat(t.price().toPlainString()).isEqualTo("7819.01");
        assertThat(t.quantity().toPlainString()).isEqualTo("0.002");
        assertThat(t.commission().toPlainString()).isEqualTo("0.07819010");
        assertThat(t.commissionAsset()).isEqualTo("USDT");
        assertThat(t.realizedProfit().toPlainString()).isEqualTo("-0.91539999");
        assertThat(t.maker()).isFalse();
        assertThat(t.time()).isEqualTo(1569514978020L);
    }

    @Test
    void malformedOrIncompleteAnswersAreRefusedByName() {
        String noExecuted = ParsingSamples.read("usdm_rest_new_order_response_LIMIT.official_docs.json")
                .replace("\"executedQty\": \"0\",", "");
        String badPrice = ParsingSamples.read("usdm_rest_user_trades_response.official_docs.json")
                .replace("\"7819.01\"", "\"abc\"");

        assertThatThrownBy(() -> ExchangeAnswers.order("<html>502 Bad Gateway</html>"))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessageStartingWith("order answer: not JSON");
        assertThatThrownBy(() -> ExchangeAnswers.order(noExecuted))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("order answer: executedQty (executed quantity) is missing");
        assertThatThrownBy(() -> ExchangeAnswers.userTrades(badPrice))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("userTrades answer: [0].price (price) is not a decimal: \"abc\"");
        assertThatThrownBy(() -> ExchangeAnswers.positionRisks("{\"code\":-1021,\"msg\":\"late\"}"))
                .isInstanceOf(BinancePayloadException.class)
                .hasMessage("positionRisk answer: is not a JSON array");
    }
}
