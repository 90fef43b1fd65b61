package io.tradeflow.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same rules hold for events built in code as for decoded ones. */
class EventConstructionTest {

    private static final Kline KLINE = new Kline(Symbol.of("BTCUSDT"), Interval.ONE_MINUTE, 1_700_006_400_000L,
            1_700_006_459_999L, new BigDecimal("35559.10"), new BigDecimal("35567"), new BigDecimal("35544.60"),
            new BigDecimal("35565.40"), new BigDecimal("196.425"), new BigDecimal("6983542.53060"), 1925);

    @Test
    void klineClosedWrapsAndReturnsTheKline() {
        KlineClosed event = KlineClosed.of(KLINE, KlineSource.BINANCE, Market.USD_M, 1_700_006_460_012L,
                1_700_006_460_047L);

        assertThat(event.kline()).isEqualTo(KLINE);
        assertThat(event.eventId()).isEqualTo("BTCUSDT-1m-1700006400000");
        assertThat(event.eventType()).isEqualTo("KlineClosed");
        assertThat(event).isEqualTo(GoldenEvents.event(KlineClosed.class));
    }

    @Test
    void missingFieldInCodeHasTheDecoderMessage() {
        assertThatThrownBy(() -> KlineClosed.of(KLINE, null, Market.USD_M, 1L, 1L))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("KlineClosed: missing required field 'source'")
                .extracting("field").isEqualTo("source");
    }

    @Test
    void aZeroTimeIsNotATime() {
        assertThatThrownBy(() -> KlineClosed.of(KLINE, KlineSource.REPLAY, Market.USD_M, 0L, 1L))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("KlineClosed: field 'eventTime' must be a positive epoch-millisecond time: 0");
    }

    @Test
    void indicatorValuesAreSortedByName() {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("sma(21)", new BigDecimal("35532.5190"));
        values.put("atr(14)", new BigDecimal("18.9571"));
        values.put("ema(50)", new BigDecimal("35498.6128"));

        IndicatorsComputed snapshot = IndicatorsComputed.of(KLINE, values, false, 1L, 2L);

        assertThat(snapshot.values().keySet()).containsExactly("atr(14)", "ema(50)", "sma(21)");
        assertThat(snapshot.eventId()).isEqualTo("BTCUSDT-1m-1700006400000");
    }

    @Test
    void signalFactoriesTakeTheSnapshotsKlineAndClose() {
        IndicatorsComputed snapshot = GoldenEvents.event(IndicatorsComputed.class);

        SignalGenerated entry = SignalGenerated.entry("btc-ema-cross", "ema-cross", snapshot, SignalAction.ENTER_LONG,
                new BigDecimal("35508.50"), new BigDecimal("35679.20"), "ema(9) crossed above ema(21), rsi(14) 61.27",
                1_700_006_460_075L);
        SignalGenerated exit = SignalGenerated.exit("btc-ema-cross", "ema-cross", snapshot, SignalAction.EXIT_SHORT,
                "ema(9) crossed above ema(21)", 1_700_006_460_075L);

        assertThat(entry).isEqualTo(GoldenEvents.event(SignalGenerated.class));
        assertThat(entry.signalId()).isEqualTo(entry.eventId()).isEqualTo("btc-ema-cross-BTCUSDT-1m-1700006400000");
        assertThat(exit.stopLoss()).isNull();
        assertThat(exit.referencePrice()).isEqualTo(new BigDecimal("35565.40"));
    }

    @Test
    void entrySignalNeedsStopLossAndTakeProfit() {
        IndicatorsComputed snapshot = GoldenEvents.event(IndicatorsComputed.class);

        assertThatThrownBy(() -> SignalGenerated.entry("bot", "ema-cross", snapshot, SignalAction.ENTER_SHORT, null,
                new BigDecimal("35400"), "why", 1L))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("SignalGenerated: missing required field 'stopLoss'");
    }

    @Test
    void shortTakeProfitMustBeBelowThePrice() {
        IndicatorsComputed snapshot = GoldenEvents.event(IndicatorsComputed.class);

        assertThatThrownBy(() -> SignalGenerated.entry("bot", "ema-cross", snapshot, SignalAction.ENTER_SHORT,
                new BigDecimal("35600"), new BigDecimal("35700"), "why", 1L))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("SignalGenerated: field 'takeProfit' must be below referencePrice 35565.40 for"
                        + " ENTER_SHORT: 35700");
    }

    @Test
    void orderEventIdIgnoresTheScaleOfTheFilledQuantity() {
        OrderUpdated filled = GoldenEvents.event(OrderUpdated.class);
        OrderUpdated sameStateOtherScale = withFilled(filled, OrderStatus.FILLED, "0.0280");
        OrderUpdated nothingFilled = withFilled(filled, OrderStatus.NEW, "0.000");

        assertThat(sameStateOtherScale.eventId()).isEqualTo(filled.eventId())
                .isEqualTo("tf-362da4596abd439568d5d88ec712-E-FILLED-0.028");
        assertThat(nothingFilled.eventId()).isEqualTo("tf-362da4596abd439568d5d88ec712-E-NEW-0");
    }

    @Test
    void stopOrdersNeedATriggerPrice() {
        OrderUpdated order = GoldenEvents.event(OrderUpdated.class);

        assertThatThrownBy(() -> new OrderUpdated(order.clientOrderId(), null, order.botId(), null, order.symbol(),
                order.venue(), order.role(), order.side(), OrderType.STOP_MARKET, OrderStatus.NEW, order.quantity(),
                null, null, BigDecimal.ZERO, null, null, null, null, null, true, null, null, null, null, null, null, null,
                null, 1L, 1L))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("OrderUpdated: missing required field 'triggerPrice'");
    }

    @Test
    void positionIdIsPositionAndSequence() {
        assertThat(GoldenEvents.event(PositionChanged.class).eventId()).isEqualTo("pos-testnet-BTCUSDT-4075113891-2");
    }

    @Test
    void botDefinitionIsKeyedByBotIdAndVersionedByProducedAt() {
        BotDefinition bot = GoldenEvents.event(BotDefinition.class);

        assertThat(bot.key()).isEqualTo("btc-ema-cross");
        assertThat(bot.eventId()).isEqualTo("btc-ema-cross-1700006000123");
        assertThat(bot.strategy().params()).containsEntry("fast", "9");
    }

    @Test
    void onlyAStoppedBotMayAskToCloseItsPosition() {
        BotDefinition b = GoldenEvents.event(BotDefinition.class);

        assertThatThrownBy(() -> new BotDefinition(b.botId(), b.name(), b.market(), b.symbol(), b.interval(),
                b.strategy(), b.risk(), b.venue(), BotStatus.RUNNING, true, b.eventTime(), b.producedAt()))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("closePosition"))
                .hasMessage("BotDefinition: field 'closePosition' must be false unless status is STOPPED");
        assertThat(new BotDefinition(b.botId(), b.name(), b.market(), b.symbol(), b.interval(), b.strategy(), b.risk(),
                b.venue(), BotStatus.STOPPED, true, b.eventTime(), b.producedAt()).closePosition()).isTrue();
    }

    @Test
    void strategyParamsAreOptional() {
        assertThat(new StrategySpec("ema-cross", null).params()).isEmpty();
    }

    @Test
    void topicNames() {
        assertThat(Topics.ALL).containsExactly("market.klines.v1", "indicators.v1", "signals.v1", "orders.v1",
                "positions.v1", "bots.v1");
        assertThat(Topics.COMPACTED).containsExactly("bots.v1");
        assertThat(Topics.dlq(Topics.ORDERS)).isEqualTo("orders.v1.dlq");
    }

    private static OrderUpdated withFilled(OrderUpdated o, OrderStatus status, String filled) {
        return new OrderUpdated(o.clientOrderId(), o.exchangeOrderId(), o.botId(), o.signalId(), o.symbol(),
                o.venue(), o.role(), o.side(), o.type(), status, o.quantity(), o.price(), o.triggerPrice(),
                new BigDecimal(filled), o.averagePrice(), o.lastFillQuantity(), o.lastFillPrice(), o.fee(),
                o.feeAsset(), o.reduceOnly(), o.rejectReason(), o.tradeId(), o.realizedPnl(), o.denyReason(),
                o.market(), o.marginAsset(), o.contractSize(), o.closeReason(), o.eventTime(), o.producedAt());
    }
}
