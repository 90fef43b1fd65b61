package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Kline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KlineMergeTest {
    @TempDir
    Path dir;

    @Test
    void rowsOfSeveralFilesComeOutByOpenTimeThenSymbol() throws IOException {
        // Constructed rows (valid klines, made-up values): ETH starts earlier, BTC has a 5m file too, and the
        // minutes overlap so that equal open times show the symbol order.
        Path eth = write("ETHUSDT-1m-2023-11-15.csv", row(0, "2000"), row(1, "2001"), row(2, "2002"), row(4, "2004"));
        Path btc = write("BTCUSDT-1m-2023-11-15.csv", row(1, "35000"), row(2, "35001"), row(3, "35002"));
        Path btc5m = write("BTCUSDT-5m-2023-11-15.csv", row5m(0, "35100"));

        List<String> order = new ArrayList<>();
        try (KlineMerge merge = open(List.of(eth, btc, btc5m))) {
            for (CsvRow row = merge.next(); row != null; row = merge.next()) {
                Kline kline = ((CsvRow.Valid) row).kline();
                order.add(kline.symbol().value() + " " + kline.interval().code() + " " + (kline.openTime() - START) / 60_000);
            }
            assertThat(merge.fractionRead()).isEqualTo(1.0);
        }

        assertThat(order).containsExactly(
                "BTCUSDT 5m 0", "ETHUSDT 1m 0",
                "BTCUSDT 1m 1", "ETHUSDT 1m 1",
                "BTCUSDT 1m 2", "ETHUSDT 1m 2",
                "BTCUSDT 1m 3",
                "ETHUSDT 1m 4");
    }

    @Test
    void aMalformedRowComesOutWithoutHoldingUpTheOthers() throws IOException {
        Path eth = write("ETHUSDT-1m-2023-11-15.csv", row(0, "2000"), "garbage", row(2, "2002"));
        Path btc = write("BTCUSDT-1m-2023-11-15.csv", row(1, "35000"));

        List<String> seen = new ArrayList<>();
        try (KlineMerge merge = open(List.of(eth, btc))) {
            for (CsvRow row = merge.next(); row != null; row = merge.next()) {
                seen.add(switch (row) {
                    case CsvRow.Valid valid -> valid.kline().symbol() + " " + (valid.kline().openTime() - START) / 60_000;
                    case CsvRow.Malformed bad -> "malformed " + bad.location().line();
                });
            }
        }

        assertThat(seen).hasSize(4).contains("malformed 2")
                .containsSubsequence("ETHUSDT 0", "BTCUSDT 1", "ETHUSDT 2");
    }

    private static final long START = 1700006400000L;

    private static String row(int minute, String price) {
        long open = START + minute * 60_000L;
        return open + "," + price + "," + price + "," + price + "," + price + ",1.5," + (open + 59_999) + ",100.5,10,0.5,50,0";
    }

    private static String row5m(int fiveMinutes, String price) {
        long open = START + fiveMinutes * 300_000L;
        return open + "," + price + "," + price + "," + price + "," + price + ",1.5," + (open + 299_999) + ",100.5,10,0.5,50,0";
    }

    /** Names, checksums, then the merge: how the replay and the backtest open their files. */
    static KlineMerge open(List<Path> files) {
        List<KlineFile> parsed = files.stream().map(KlineFile::of).toList();
        ChecksumFile.verifyAll(parsed);
        return KlineMerge.open(parsed);
    }

    private Path write(String name, String... rows) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", rows) + "\n");
    }
}
