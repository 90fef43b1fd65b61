package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Kline;

/** One data row of a kline CSV file: either a kline or the reason it is not one. */
public sealed interface CsvRow {

    RowLocation location();

    record Valid(Kline kline, RowLocation location) implements CsvRow {
    }

    record Malformed(RowLocation location, String problem) implements CsvRow {
        @Override
        public String toString() {
            return location + ": " + problem;
        }
    }
}
