package io.tradeflow.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * ta4j's GOLD weekly series and its spreadsheet values. ta4j's conventions differ from TA-Lib's (and ours) at the
 * start: SMA over a partial window, EMA seeded with the first close, RSI averages seeded at 0. So only what truly
 * agrees is asserted equal; the differences are asserted as differences, and the convergence of the exponential
 * ones (the seed's weight decays geometrically) as convergence.
 */
class Ta4jComparisonTest {

    private static final ReferenceData.Ohlcv GOLD = ReferenceData.ta4jGold();

    @Test
    void smaEqualsTa4jOnceTheWindowIsFullAndIsAbsentWhereTa4jAveragesAPartialWindow() {
        double[] ours = ReferenceData.run("sma(13)", GOLD);
        double[] ta4j = ReferenceData.ta4jGoldColumn("SMA13_ta4j");
        for (int i = 0; i < 12; i++) {
            assertThat(ours[i]).as("index %d", i).isNaN();
            assertThat(ta4j[i]).isFinite();
        }
        for (int i = 12; i < GOLD.size(); i++) {
            assertThat(ours[i]).as("index %d", i).isCloseTo(ta4j[i], within(1e-9));
        }
    }

    @Test
    void emaDiffersByItsSeedAndConvergesToTa4j() {
        double[] ours = ReferenceData.run("ema(13)", GOLD);
        double[] ta4j = ReferenceData.ta4jGoldColumn("EMA13_ta4j");
        assertThat(Math.abs(ours[12] - ta4j[12])).as("SMA seed vs first-close seed").isGreaterThan(0.1);
        // The first-close seed's weight (12/14 per kline) is below 1e-4 of a price from about kline 58 on.
        for (int i = 60; i < GOLD.size(); i++) {
            assertThat(ours[i]).as("index %d", i).isCloseTo(ta4j[i], within(1e-4));
        }
    }

    @Test
    void rsiDiffersByItsSeedAndConvergesToTa4j() {
        double[] ours = ReferenceData.run("rsi(13)", GOLD);
        double[] ta4j = ReferenceData.ta4jGoldColumn("RSI13_ta4j");
        assertThat(Math.abs(ours[13] - ta4j[13])).as("simple-mean seed vs MMA seeded at 0").isGreaterThan(1.0);
        // Wilder's smoothing forgets more slowly (12/13 per kline): within 1e-4 from about kline 151 on.
        for (int i = 160; i < GOLD.size(); i++) {
            assertThat(ours[i]).as("index %d", i).isCloseTo(ta4j[i], within(1e-4));
        }
    }

    @Test
    void ta4jsEndOfSeriesAssertionsHold() {
        JsonNode asserted = ReferenceData.json("ta4j_expected.json").get("xls_series").get("asserted_end_values");
        assertThat(asserted).hasSize(9);
        for (JsonNode expected : asserted) {
            String name = expected.get("indicator").asText().toLowerCase() + "(" + expected.get("n").asInt() + ")";
            double[] ours = ReferenceData.run(name, GOLD);
            assertThat(ours[expected.get("index").asInt()]).as(name)
                    .isCloseTo(expected.get("expected").asDouble(), within(1e-4));
        }
    }

    @Test
    void ta4jsSmallSmaTestAgreesFromTheFirstFullWindow() {
        JsonNode test = smallTest("SMAIndicatorTest.usingBarCount3UsingClosePrice");
        double[] ours = runOnCloses("sma(3)", test.get("input_close"));
        assertThat(ours[1]).as("ta4j: partial mean 1.5").isNaN();
        for (int i = 2; i < ours.length; i++) {
            assertThat(ours[i]).isCloseTo(test.get("expected").get(Integer.toString(i)).asDouble(), within(1e-4));
        }
    }

    @Test
    void ta4jsSmallEmaAndRsiTestsShowTheSeedDifference() {
        JsonNode ema = smallTest("EMAIndicatorTest.usingBarCount10UsingClosePrice");
        double[] ourEma = runOnCloses("ema(10)", ema.get("input_close"));
        // Ours at index 9 is the plain mean of the first 10 closes; ta4j's has decayed from the first close.
        assertThat(ourEma[9]).isCloseTo(63.682, within(1e-9));
        assertThat(ema.get("expected").get("9").asDouble()).isCloseTo(63.6948, within(1e-4));

        JsonNode rsi = smallTest("RSIIndicatorTest.usingBarCount14UsingClosePrice");
        double[] ourRsi = runOnCloses("rsi(14)", rsi.get("input_close"));
        for (int i = 15; i <= 25; i++) {
            assertThat(Math.abs(ourRsi[i] - rsi.get("expected").get(Integer.toString(i)).asDouble()))
                    .as("index %d: seeds still differ after 26 closes", i).isGreaterThan(0.5);
        }
    }

    private static JsonNode smallTest(String name) {
        for (JsonNode test : ReferenceData.json("ta4j_expected.json").get("small_series_tests")) {
            if (test.get("test").asText().equals(name)) {
                return test;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static double[] runOnCloses(String name, JsonNode closes) {
        Indicator indicator = Indicators.create(name);
        double[] values = new double[closes.size()];
        for (int i = 0; i < values.length; i++) {
            double close = closes.get(i).asDouble();
            indicator.update(close, close, close, close, 0);
            values[i] = indicator.value(0);
        }
        return values;
    }
}
