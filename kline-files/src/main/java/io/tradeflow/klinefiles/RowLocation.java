package io.tradeflow.klinefiles;

/** A line of a kline file, as people and editors write it: {@code BTCUSDT-1m-2023-11-15.csv:17}. */
public record RowLocation(String file, long line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
