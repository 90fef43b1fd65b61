package io.tradeflow.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The official TA-Lib regression checkpoints (test_rsi.c, test_ma.c) on TA-Lib's daily_ref_0 input. */
class TalibReferenceTest {

    private static final ReferenceData.Ohlcv DAILY = ReferenceData.talibDaily();
    private static final JsonNode EXPECTED = ReferenceData.json("talib_ref0_expected.json").get("series");

    @ParameterizedTest
    @CsvSource({"RSI_14, rsi(14)", "SMA_2, sma(2)", "SMA_30, sma(30)", "EMA_2, ema(2)", "EMA_10, ema(10)"})
    void matchesEveryTalibCheckpointWithinItsTolerance(String series, String name) {
        JsonNode reference = EXPECTED.get(series);
        double[] values = ReferenceData.run(name, DAILY);
        int lookback = reference.get("lookback").asInt();

        assertThat(values[lookback - 1]).as("no value before TA-Lib's first output").isNaN();
        assertThat(values[lookback]).isFinite();
        assertThat(Indicators.create(name).warmUp()).isEqualTo(lookback + 1);
        for (JsonNode checkpoint : reference.get("checkpoints")) {
            int index = checkpoint.get("input_index").asInt();
            assertThat(values[index]).as("%s at input index %d", name, index)
                    .isCloseTo(checkpoint.get("expected").asDouble(), within(0.01));
        }
    }

    @ParameterizedTest
    @CsvSource({"RSI_14, rsi(14)", "SMA_30, sma(30)", "EMA_10, ema(10)"})
    void matchesTheCollectorsFullRecomputationOfTheTalibConvention(String series, String name) {
        JsonNode reference = EXPECTED.get(series);
        double[] values = ReferenceData.run(name, DAILY);
        int lookback = reference.get("lookback").asInt();
        JsonNode full = reference.get("recomputed_full");
        assertThat(full.size()).isEqualTo(reference.get("n_outputs").asInt());
        for (int out = 0; out < full.size(); out++) {
            // The file rounds to 6 decimals.
            assertThat(values[out + lookback]).as("%s at %d", name, out + lookback)
                    .isCloseTo(full.get(out).asDouble(), within(1e-6));
        }
    }
}
