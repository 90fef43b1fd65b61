package io.tradeflow.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental indicators against naive recomputations written here from the definitions (each value computed
 * from scratch over its window), on TA-Lib's daily_ref_0 OHLC and on crafted series.
 */
class BruteForceTest {

    private static final ReferenceData.Ohlcv DAILY = ReferenceData.talibDaily();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 20, 200})
    void highestAndLowestAreTheExtremesOfTheLastNKlines(int n) {
        for (ReferenceData.Ohlcv data : new ReferenceData.Ohlcv[] {DAILY, randomWalk(2000, 7, true)}) {
            double[] highest = ReferenceData.run("highest(" + n + ")", data);
            double[] lowest = ReferenceData.run("lowest(" + n + ")", data);
            for (int i = 0; i < data.size(); i++) {
                if (i < n - 1) {
                    assertThat(highest[i]).isNaN();
                    assertThat(lowest[i]).isNaN();
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (int j = i - n + 1; j <= i; j++) {
                    max = Math.max(max, data.high()[j]);
                    min = Math.min(min, data.low()[j]);
                }
                assertThat(highest[i]).as("highest(%d) at %d", n, i).isEqualTo(max);
                assertThat(lowest[i]).as("lowest(%d) at %d", n, i).isEqualTo(min);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10})
    void pivotsAreTheLatestStrictSwingPointsConfirmedNKlinesLater(int n) {
        // Prices rounded to whole numbers so that ties occur and must be rejected.
        for (ReferenceData.Ohlcv data : new ReferenceData.Ohlcv[] {DAILY, randomWalk(3000, 11, true)}) {
            double[] pivotHigh = ReferenceData.run("pivothigh(" + n + ")", data);
            double[] pivotLow = ReferenceData.run("pivotlow(" + n + ")", data);
            double expectedHigh = Double.NaN;
            double expectedLow = Double.NaN;
            int highs = 0;
            for (int t = 0; t < data.size(); t++) {
                int candidate = t - n;
                if (candidate - n >= 0) {
                    if (isStrictExtreme(data.high(), candidate, n, 1)) {
                        expectedHigh = data.high()[candidate];
                        highs++;
                    }
                    if (isStrictExtreme(data.low(), candidate, n, -1)) {
                        expectedLow = data.low()[candidate];
                    }
                }
                // As objects: Double.equals holds NaN equal to NaN.
                assertThat((Object) pivotHigh[t]).as("pivothigh(%d) at %d", n, t).isEqualTo(expectedHigh);
                assertThat((Object) pivotLow[t]).as("pivotlow(%d) at %d", n, t).isEqualTo(expectedLow);
            }
            assertThat(highs).as("the series has pivots to find").isGreaterThan(3);
        }
    }

    private static boolean isStrictExtreme(double[] values, int candidate, int n, int sign) {
        for (int j = candidate - n; j <= candidate + n; j++) {
            if (j != candidate && sign * values[j] >= sign * values[candidate]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aPivotNeedsStrictlyHigherThanBothSidesAndIsKnownNKlinesLater() {
        Indicator pivot = Indicators.create("pivothigh(2)");
        double[] highs = {10, 11, 15, 12, 11, 15, 13, 12, 20, 19, 18};
        double[] expected = {nan(), nan(), nan(), nan(), 15, 15, 15, 15, 15, 15, 20};
        // The 15 at index 5 ties the one at index 2 within its window: not a pivot, the first 15 stays.
        for (int i = 0; i < highs.length; i++) {
            pivot.update(highs[i], highs[i], 1, highs[i], 0);
            assertThat((Object) pivot.value(0)).as("at %d", i).isEqualTo(expected[i]);
            assertThat(pivot.isStable()).isEqualTo(!Double.isNaN(expected[i]));
        }
    }

    @Test
    void pivotStaysUnstableInATrend() {
        Indicator pivot = Indicators.create("pivotlow(3)");
        for (int i = 0; i < 100; i++) {
            pivot.update(100 - i, 101 - i, 99 - i, 100 - i, 1);
        }
        assertThat(pivot.isStable()).isFalse();
        assertThat(pivot.value(0)).isNaN();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 14, 30})
    void atrIsWildersSmoothingOfTheTrueRangeSeededWithTheirMean(int n) {
        double[] ours = ReferenceData.run("atr(" + n + ")", DAILY);
        double[] trueRange = new double[DAILY.size()];
        for (int i = 1; i < DAILY.size(); i++) {
            double previousClose = DAILY.close()[i - 1];
            trueRange[i] = Math.max(DAILY.high()[i] - DAILY.low()[i], Math.max(
                    Math.abs(DAILY.high()[i] - previousClose), Math.abs(DAILY.low()[i] - previousClose)));
        }
        double atr = 0;
        for (int i = 1; i <= n; i++) {
            atr += trueRange[i] / n;
        }
        for (int i = 0; i < DAILY.size(); i++) {
            if (i < n) {
                assertThat(ours[i]).isNaN();
                continue;
            }
            if (i > n) {
                atr = atr - atr / n + trueRange[i] / n;
            }
            assertThat(ours[i]).as("atr(%d) at %d", n, i).isCloseTo(atr, within(1e-9));
        }
    }

    @Test
    void atrOfAHandComputedSeries() {
        Indicator atr = Indicators.create("atr(2)");
        atr.update(10, 11, 9, 10, 0);
        atr.update(10, 12, 10, 11, 0);   // TR = max(2, |12-10|, |10-10|) = 2
        assertThat(atr.isStable()).isFalse();
        atr.update(11, 11, 8, 9, 0);     // TR = max(3, 0, 3) = 3; first ATR = 2.5
        assertThat(atr.value(0)).isEqualTo(2.5);
        atr.update(15, 16, 15, 15, 0);   // gap up: TR = 16 - 9 = 7; ATR = (2.5 + 7) / 2
        assertThat(atr.value(0)).isEqualTo(4.75);
        assertThat(atr.warmUp()).isEqualTo(3);
    }

    @Test
    void rsiOfAFlatMarketIsNeutralAndOfAStraightRiseIsHundred() {
        Indicator flat = Indicators.create("rsi(5)");
        Indicator rising = Indicators.create("rsi(5)");
        for (int i = 0; i < 10; i++) {
            flat.update(1e-7, 1e-7, 1e-7, 1e-7, 0);
            rising.update(i, i, i, i, 0);
        }
        assertThat(flat.value(0)).isEqualTo(50.0);
        assertThat(rising.value(0)).isEqualTo(100.0);
        // A move of a billionth of a price that small is a real move (TA-Lib's 1e-8 zero test would miss it).
        flat.update(2e-7, 2e-7, 2e-7, 2e-7, 0);
        assertThat(flat.value(0)).isEqualTo(100.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,26,9", "3,10,16", "1,2,1", "5,6,5"})
    void macdIsTheDifferenceOfTalibAlignedEmasAndItsSignal(String periods) {
        String[] p = periods.split(",");
        int fast = Integer.parseInt(p[0]);
        int slow = Integer.parseInt(p[1]);
        int signalPeriod = Integer.parseInt(p[2]);
        String name = "macd(" + periods + ")";
        double[] line = ReferenceData.run(name, DAILY, 0);
        double[] signal = ReferenceData.run(name, DAILY, 1);
        double[] hist = ReferenceData.run(name, DAILY, 2);

        double[] slowEma = naiveEma(DAILY.close(), slow, 0);
        double[] fastEma = naiveEma(DAILY.close(), fast, slow - fast);
        double[] expectedLine = new double[DAILY.size()];
        for (int i = slow - 1; i < DAILY.size(); i++) {
            expectedLine[i] = fastEma[i] - slowEma[i];
        }
        double[] expectedSignal = naiveEma(expectedLine, signalPeriod, slow - 1);
        int first = slow + signalPeriod - 2;
        assertThat(Indicators.create(name).warmUp()).isEqualTo(first + 1);
        for (int i = 0; i < DAILY.size(); i++) {
            if (i < first) {
                assertThat(line[i]).isNaN();
                continue;
            }
            assertThat(line[i]).as("%s at %d", name, i).isCloseTo(expectedLine[i], within(1e-9));
            assertThat(signal[i]).as("%s.signal at %d", name, i).isCloseTo(expectedSignal[i], within(1e-9));
            assertThat(hist[i]).as("%s.hist at %d", name, i).isCloseTo(line[i] - signal[i], within(1e-12));
        }
    }

    /** TA-Lib's EMA of values[start..]: the mean of the first n of them, then k = 2/(n+1). NaN before. */
    private static double[] naiveEma(double[] values, int n, int start) {
        double[] ema = new double[values.length];
        java.util.Arrays.fill(ema, Double.NaN);
        double seed = 0;
        for (int i = start; i < start + n; i++) {
            seed += values[i];
        }
        ema[start + n - 1] = seed / n;
        double k = 2.0 / (n + 1);
        for (int i = start + n; i < values.length; i++) {
            ema[i] = ema[i - 1] * (1 - k) + values[i] * k;
        }
        return ema;
    }

    @ParameterizedTest
    @ValueSource(strings = {"20,2", "5,2.5", "1,1", "50,0.5"})
    void bollingerIsTheSmaPlusMinusKPopulationStandardDeviations(String args) {
        int n = Integer.parseInt(args.split(",")[0]);
        double k = Double.parseDouble(args.split(",")[1]);
        // BTC-like prices: where a mean-of-squares formula would lose most of its digits.
        for (ReferenceData.Ohlcv data : new ReferenceData.Ohlcv[] {DAILY, randomWalk(5000, 3, false)}) {
            String name = "bb(" + args + ")";
            double[] upper = ReferenceData.run(name, data, 0);
            double[] middle = ReferenceData.run(name, data, 1);
            double[] lower = ReferenceData.run(name, data, 2);
            for (int i = 0; i < data.size(); i++) {
                if (i < n - 1) {
                    assertThat(middle[i]).isNaN();
                    continue;
                }
                double mean = 0;
                for (int j = i - n + 1; j <= i; j++) {
                    mean += data.close()[j];
                }
                mean /= n;
                double squares = 0;
                for (int j = i - n + 1; j <= i; j++) {
                    squares += (data.close()[j] - mean) * (data.close()[j] - mean);
                }
                double band = k * Math.sqrt(squares / n);
                double tolerance = 1e-9 * Math.max(1, mean) / 1e3;
                assertThat(middle[i]).as("%s middle at %d", name, i).isCloseTo(mean, within(tolerance));
                assertThat(upper[i]).as("%s upper at %d", name, i).isCloseTo(mean + band, within(tolerance));
                assertThat(lower[i]).as("%s lower at %d", name, i).isCloseTo(mean - band, within(tolerance));
            }
        }
    }

    @Test
    void bollingerOfAFlatWindowHasNoWidth() {
        Indicator bands = Indicators.create("bb(4,2)");
        for (double close : new double[] {35000.1, 35000.3, 35000.7, 35000.1, 35000.1, 35000.1, 35000.1, 35000.1}) {
            bands.update(close, close, close, close, 0);
        }
        assertThat(bands.value(0)).isEqualTo(35000.1);
        assertThat(bands.value(2)).isEqualTo(35000.1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 21, 200})
    void smaEqualsTheMeanOfTheWindowOverALongRun(int n) {
        ReferenceData.Ohlcv data = randomWalk(20_000, 5, false);
        double[] ours = ReferenceData.run("sma(" + n + ")", data);
        for (int i = n - 1; i < data.size(); i++) {
            double sum = 0;
            for (int j = i - n + 1; j <= i; j++) {
                sum += data.close()[j];
            }
            // Recomputing the sum each wrap keeps the error at a few ulps of the price, however long the run.
            assertThat(ours[i]).as("sma(%d) at %d", n, i).isCloseTo(sum / n, within(1e-12 * sum / n * n));
        }
    }

    /** A reproducible BTC-like random walk of OHLC klines; optionally rounded to whole prices to create ties. */
    static ReferenceData.Ohlcv randomWalk(int size, long seed, boolean whole) {
        Random random = new Random(seed);
        double[] open = new double[size];
        double[] high = new double[size];
        double[] low = new double[size];
        double[] close = new double[size];
        double[] volume = new double[size];
        double price = 35_000;
        for (int i = 0; i < size; i++) {
            open[i] = round(price, whole);
            price = Math.max(1000, price + random.nextGaussian() * 20);
            close[i] = round(price, whole);
            high[i] = round(Math.max(open[i], close[i]) + Math.abs(random.nextGaussian()) * 10, whole);
            low[i] = round(Math.min(open[i], close[i]) - Math.abs(random.nextGaussian()) * 10, whole);
            volume[i] = Math.abs(random.nextGaussian()) * 100;
        }
        return new ReferenceData.Ohlcv(open, high, low, close, volume);
    }

    private static double round(double price, boolean whole) {
        return whole ? Math.rint(price / 10) : Math.rint(price * 10) / 10;
    }

    private static double nan() {
        return Double.NaN;
    }
}
