package io.tradeflow.core.order;

import static io.tradeflow.core.order.RealRules.btcusdPerp;
import static io.tradeflow.core.order.RealRules.btcusdt;
import static io.tradeflow.core.order.RealRules.d;
import static io.tradeflow.core.order.RealRules.stepOfOneTenth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SymbolRulesTest {

    private final SymbolRules btc = btcusdt();

    @Nested
    class Quantity {

        @Test
        void roundsDownToTheStepAtTheStepScale() {
            assertThat(btc.roundQuantity(d("0.0289")).toPlainString()).isEqualTo("0.028");
            assertThat(btc.roundQuantity(d("0.0281154")).toPlainString()).isEqualTo("0.028");
            assertThat(btc.roundQuantity(d("0.028")).toPlainString()).isEqualTo("0.028");
            assertThat(btc.roundQuantity(d("0.0009")).toPlainString()).isEqualTo("0.000");
        }

        @Test
        void floatArtefactsBecomePlainSteps() {
            SymbolRules xrp = stepOfOneTenth();
            assertThat(xrp.roundQuantity(d("0.30000000000000004")).toPlainString()).isEqualTo("0.3");
            // What 0.1 + 0.2 in double really holds: 0.3000000000000000444089209850062616169452667236328125.
            assertThat(xrp.roundQuantity(new BigDecimal(0.1 + 0.2)).toPlainString()).isEqualTo("0.3");
            // And a double just under 0.3 must not round up past what was asked for.
            assertThat(xrp.roundQuantity(new BigDecimal(0.29999999999999993)).toPlainString()).isEqualTo("0.2");
        }

        @Test
        void exponentNotationNeverReachesTheWire() {
            BigDecimal hundred = d("1E+2");
            assertThat(hundred.toString()).isEqualTo("1E+2");
            assertThat(btcusdPerp().roundQuantity(hundred).toPlainString()).isEqualTo("100");
            assertThat(btcusdPerp().roundQuantity(hundred).toString()).isEqualTo("100");
            assertThat(btc.roundQuantity(hundred).toString()).isEqualTo("100.000");
        }

        @Test
        void theCoarserStepOfBothLotFiltersWins() {
            SymbolRules rules = withLots("0.001", "0.001", "1000", "0.002", "0.001", "120");
            assertThat(rules.marketOrderStep().toPlainString()).isEqualTo("0.002");
            assertThat(rules.roundQuantity(d("0.0289")).toPlainString()).isEqualTo("0.028");
            assertThat(rules.roundQuantity(d("0.0279")).toPlainString()).isEqualTo("0.026");
        }

        @Test
        void negativeQuantityIsAnError() {
            assertThatThrownBy(() -> btc.roundQuantity(d("-0.001")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("quantity -0.001 is negative");
        }
    }

    @Nested
    class TriggerPrices {

        @Test
        void longStopAndTargetBothGoDownToTheTick() {
            // Down widens a stop below the entry and brings a target above it closer: neither gets worse.
            assertThat(btc.roundStopLoss(Direction.LONG, d("35000.06")).toPlainString()).isEqualTo("35000.00");
            assertThat(btc.roundTakeProfit(Direction.LONG, d("36000.19")).toPlainString()).isEqualTo("36000.10");
        }

        @Test
        void shortStopAndTargetBothGoUpToTheTick() {
            assertThat(btc.roundStopLoss(Direction.SHORT, d("36000.01")).toPlainString()).isEqualTo("36000.10");
            assertThat(btc.roundTakeProfit(Direction.SHORT, d("34000.01")).toPlainString()).isEqualTo("34000.10");
        }

        @Test
        void strategyLevelsWithEightPlacesLandOnTheTick() {
            assertThat(btc.roundStopLoss(Direction.LONG, d("34912.34567891")).toPlainString()).isEqualTo("34912.30");
            assertThat(btc.roundStopLoss(Direction.SHORT, d("34912.34567891")).toPlainString()).isEqualTo("34912.40");
        }

        @Test
        void aPriceOnTheTickKeepsItsValueAtTheTickScale() {
            assertThat(btc.roundStopLoss(Direction.LONG, d("35567.2")).toPlainString()).isEqualTo("35567.20");
            assertThat(btc.roundTakeProfit(Direction.SHORT, d("35567.20000000")).toPlainString()).isEqualTo("35567.20");
            assertThat(btc.roundStopLoss(Direction.SHORT, d("3.5E+4")).toPlainString()).isEqualTo("35000.00");
        }

        @Test
        void priceMustBePositive() {
            assertThatThrownBy(() -> btc.roundStopLoss(Direction.LONG, d("0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stop-loss price 0 is not positive");
        }
    }

    @Nested
    class Fills {

        @Test
        void roundAgainstTheTrader() {
            assertThat(btc.roundFillPrice(Side.BUY, d("35567.23")).toPlainString()).isEqualTo("35567.30");
            assertThat(btc.roundFillPrice(Side.SELL, d("35567.27")).toPlainString()).isEqualTo("35567.20");
            assertThat(btc.roundFillPrice(Side.BUY, d("35567.2")).toPlainString()).isEqualTo("35567.20");
        }
    }

    @Nested
    class Notional {

        @Test
        void usdMIsQuantityTimesPrice() {
            assertThat(btc.notional(d("0.028"), d("35567.20")).toPlainString()).isEqualTo("995.88160");
        }

        @Test
        void coinMIsContractsTimesContractSize() {
            assertThat(btcusdPerp().notional(d("35"), d("35567.2")).toPlainString()).isEqualTo("3500");
        }
    }

    @Nested
    class MarketOrders {

        private final BigDecimal price = d("35567.2");

        @Test
        void aSizedOrderPasses() {
            assertThat(btc.checkMarketOrder(d("0.028"), price, false)).isEmpty();
            assertThat(btc.checkMarketOrder(d("120"), price, false)).isEmpty();
        }

        @Test
        void belowTheMinimumQuantity() {
            assertThat(btc.checkMarketOrder(d("0.0005"), price, false)).contains(new Denial(
                    DenyReason.QUANTITY_BELOW_MIN, "quantity 0.0005 is below the minimum 0.001 of BTCUSDT"));
            assertThat(btc.checkMarketOrder(d("0.000"), price, true)).map(Denial::reason)
                    .contains(DenyReason.QUANTITY_BELOW_MIN);
        }

        @Test
        void aboveTheMarketMaximumEvenUnderTheLimitMaximum() {
            // LOT_SIZE allows 1000, MARKET_LOT_SIZE only 120: the stricter wins.
            assertThat(btc.checkMarketOrder(d("120.001"), price, false)).contains(new Denial(
                    DenyReason.QUANTITY_ABOVE_MAX, "quantity 120.001 is above the maximum 120 of BTCUSDT for market orders"));
        }

        @Test
        void theStricterMinimumOfBothLotFiltersWins() {
            SymbolRules rules = withLots("0.001", "0.001", "1000", "0.001", "0.005", "120");
            assertThat(rules.checkMarketOrder(d("0.004"), price, false)).map(Denial::reason)
                    .contains(DenyReason.QUANTITY_BELOW_MIN);
            assertThat(rules.checkMarketOrder(d("0.005"), price, false)).isEmpty();
        }

        @Test
        void belowTheMinimumNotional() {
            assertThat(btc.checkMarketOrder(d("0.002"), price, false)).contains(new Denial(DenyReason.NOTIONAL_BELOW_MIN,
                    "notional 71.1344 USDT (quantity 0.002 x price 35567.2) is below the minimum 100 of BTCUSDT"));
        }

        @Test
        void reduceOnlyOrdersAreExemptFromTheMinimumNotional() {
            assertThat(btc.checkMarketOrder(d("0.002"), price, true)).isEmpty();
        }

        @Test
        void coinMHasNoMinimumNotional() {
            assertThat(btcusdPerp().checkMarketOrder(d("1"), price, false)).isEmpty();
            assertThat(btcusdPerp().checkMarketOrder(d("60001"), price, false)).map(Denial::reason)
                    .contains(DenyReason.QUANTITY_ABOVE_MAX);
        }

        @Test
        void aQuantityOffTheStepIsAProgrammingError() {
            assertThatThrownBy(() -> btc.checkMarketOrder(d("0.0285"), price, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("quantity 0.0285 is not a multiple of the step 0.001 of BTCUSDT;"
                            + " round it with roundQuantity first");
        }

        @Test
        void trailingZerosDoNotMatter() {
            assertThat(btc.checkMarketOrder(d("0.02800"), price, false)).isEmpty();
        }
    }

    @Nested
    class Validation {

        @Test
        void sizesMustBePositive() {
            assertThatThrownBy(() -> withTick("0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tickSize must be positive, was 0");
            assertThatThrownBy(() -> withLots("0", "0.001", "1000", "0.001", "0.001", "120"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("stepSize must be positive, was 0");
        }

        @Test
        void minimumMustNotExceedMaximum() {
            assertThatThrownBy(() -> withLots("0.001", "2", "1", "0.001", "0.001", "120"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("minQuantity 2 is above maxQuantity 1");
            assertThatThrownBy(() -> withLots("0.001", "0.001", "1000", "0.001", "200", "120"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("marketMinQuantity 200 is above marketMaxQuantity 120");
        }

        @Test
        void usdMContractsAreOneUnit() {
            assertThatThrownBy(() -> new SymbolRules(Symbol.of("BTCUSDT"), Market.USD_M, "BTC", "USDT", "USDT",
                    d("0.10"), d("556.80"), d("4529764"), d("0.001"), d("0.001"), d("1000"),
                    d("0.001"), d("0.001"), d("120"), d("100"), d("100")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("contractSize of the USD-M symbol BTCUSDT must be 1, was 100");
        }

        @Test
        void fieldsAreRequiredByName() {
            assertThatThrownBy(() -> new SymbolRules(Symbol.of("BTCUSDT"), Market.USD_M, "BTC", "USDT", "USDT",
                    d("0.10"), d("556.80"), null, d("0.001"), d("0.001"), d("1000"),
                    d("0.001"), d("0.001"), d("120"), d("100"), BigDecimal.ONE))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("maxPrice");
        }

        @Test
        void minNotionalMayBeAbsent() {
            assertThat(btcusdPerp().minNotional()).isNull();
            assertThat(Optional.ofNullable(btc.minNotional())).contains(d("100"));
        }
    }

    private static SymbolRules withTick(String tick) {
        return new SymbolRules(Symbol.of("BTCUSDT"), Market.USD_M, "BTC", "USDT", "USDT",
                d(tick), d("556.80"), d("4529764"), d("0.001"), d("0.001"), d("1000"),
                d("0.001"), d("0.001"), d("120"), d("100"), BigDecimal.ONE);
    }

    private static SymbolRules withLots(String step, String min, String max,
            String marketStep, String marketMin, String marketMax) {
        return new SymbolRules(Symbol.of("BTCUSDT"), Market.USD_M, "BTC", "USDT", "USDT",
                d("0.10"), d("556.80"), d("4529764"), d(step), d(min), d(max),
                d(marketStep), d(marketMin), d(marketMax), d("100"), BigDecimal.ONE);
    }
}
