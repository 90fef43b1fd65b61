package io.tradeflow.core.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reference files under {@code src/test/resources/indicators} (see the README there), read from the classpath; the
 * recorded BTCUSDT day there is read by {@link io.tradeflow.core.testing.RecordedDay}.
 */
final class ReferenceData {

    /** OHLCV columns of a reference series, row i = input index i. */
    record Ohlcv(double[] open, double[] high, double[] low, double[] close, double[] volume) {
        int size() {
            return close.length;
        }

        void feed(Indicator indicator, int index) {
            indicator.update(open[index], high[index], low[index], close[index], volume[index]);
        }
    }

    private ReferenceData() {
    }

    /** TA-Lib's daily_ref_0: 252 bars. */
    static Ohlcv talibDaily() {
        return ohlcv("talib_ref0_daily_ohlcv.csv", 1);
    }

    /** ta4j's weekly GOLD series: 365 bars (the expected columns are read by {@link #ta4jGoldColumn}). */
    static Ohlcv ta4jGold() {
        return ohlcv("ta4j_gold_weekly_ohlcv_with_expected_n13.csv", 2);
    }

    static double[] ta4jGoldColumn(String column) {
        List<String> lines = lines("ta4j_gold_weekly_ohlcv_with_expected_n13.csv");
        int index = List.of(lines.get(0).split(",")).indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        return lines.stream().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",")[index])).toArray();
    }

    static JsonNode json(String file) {
        try (InputStream in = resource(file)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Ohlcv ohlcv(String file, int firstColumn) {
        List<String> rows = lines(file).subList(1, lines(file).size());
        double[][] columns = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            for (int c = 0; c < 5; c++) {
                columns[c][i] = Double.parseDouble(f[firstColumn + c]);
            }
        }
        return new Ohlcv(columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    private static List<String> lines(String file) {
        try (InputStream in = resource(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = ReferenceData.class.getResourceAsStream("/indicators/" + file);
        if (in == null) {
            throw new IllegalStateException("missing test resource indicators/" + file);
        }
        return in;
    }

    /** Runs {@code name} over every bar and returns output {@code output} after each (NaN while unstable). */
    static double[] run(String name, Ohlcv data, int output) {
        Indicator indicator = Indicators.create(name);
        double[] values = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            data.feed(indicator, i);
            values[i] = indicator.value(output);
        }
        return values;
    }

    static double[] run(String name, Ohlcv data) {
        return run(name, data, 0);
    }
}
