package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.testing.RecordedDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.tradeflow.klinefiles.testing.KlineTestFiles.klines;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KlineCsvReaderTest {
    static final String DAY = RecordedDay.FILE_NAME;
    private static final String HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    @TempDir
    Path dir;

    @Test
    void aFileWithTheHeaderRowGivesOneKlineForEachRowWithTheValuesAsWritten() {
        List<CsvRow> rows = readAll(RecordedDay.file());

        assertThat(rows).hasSize(1440).allMatch(row -> row instanceof CsvRow.Valid);
        CsvRow.Valid first = (CsvRow.Valid) rows.getFirst();
        // 1700006400000,35559.10,35567,35544.60,35565.40,196.425,1700006459999,6983542.53060,1925,...
        Kline kline = first.kline();
        assertThat(kline.symbol()).isEqualTo(Symbol.of("BTCUSDT"));
        assertThat(kline.interval()).isEqualTo(Interval.ONE_MINUTE);
        assertThat(kline.openTime()).isEqualTo(1700006400000L);
        assertThat(kline.closeTime()).isEqualTo(1700006459999L);
        assertThat(kline.open().toPlainString()).isEqualTo("35559.10");
        assertThat(kline.high().toPlainString()).isEqualTo("35567");
        assertThat(kline.low().toPlainString()).isEqualTo("35544.60");
        assertThat(kline.close().toPlainString()).isEqualTo("35565.40");
        assertThat(kline.volume().toPlainString()).isEqualTo("196.425");
        assertThat(kline.quoteVolume().toPlainString()).isEqualTo("6983542.53060");
        assertThat(kline.trades()).isEqualTo(1925);
        assertThat(first.location().line()).isEqualTo(2);
        assertThat(rows.getLast().location().line()).isEqualTo(1441);
        assertThat(((CsvRow.Valid) rows.getLast()).kline().openTime()).isEqualTo(1700092740000L);
    }

    @Test
    void aFileWithoutTheHeaderRowGivesTheSameKlinesCountingLinesFromOne() throws IOException {
        List<String> lines = Files.readAllLines(RecordedDay.file());
        // data.binance.vision's older files have no header; Windows line endings must not matter either.
        Path headless = write("BTCUSDT-1m-2023-11-15.csv", String.join("\r\n", lines.subList(1, lines.size())) + "\r\n");

        List<CsvRow> rows = readAll(headless);

        assertThat(rows).hasSize(1440).allMatch(row -> row instanceof CsvRow.Valid);
        assertThat(klines(rows)).isEqualTo(klines(readAll(RecordedDay.file())));
        assertThat(rows.getFirst().location()).isEqualTo(new RowLocation(headless.toString(), 1));
    }

    @Test
    void aZipHoldingOneCsvIsReadLikeTheCsv() throws IOException {
        Path zip = zip("BTCUSDT-1m-2023-11.zip", DAY);

        List<CsvRow> rows;
        try (KlineCsvReader reader = KlineCsvReader.open(KlineFile.of(zip))) {
            rows = readAll(reader);
            assertThat(reader.bytesRead()).isEqualTo(reader.size()).isEqualTo(Files.size(RecordedDay.file()));
        }

        assertThat(klines(rows)).isEqualTo(klines(readAll(RecordedDay.file())));
        assertThat(rows.get(9).location()).hasToString(zip + "!" + DAY + ":11");
    }

    @Test
    void aZipWithoutExactlyOneCsvIsRefusedNamingIt() throws IOException {
        Path two = zip("BTCUSDT-1m-2023-11.zip", DAY, "BTCUSDT-1m-2023-11-16.csv");
        Path none = zip("ETHUSDT-1m-2023-11.zip");

        assertThatThrownBy(() -> KlineCsvReader.open(KlineFile.of(two)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining(two.toString())
                .hasMessageContaining("exactly one .csv file, it holds 2");
        assertThatThrownBy(() -> KlineCsvReader.open(KlineFile.of(none)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining(none.toString())
                .hasMessageContaining("it holds 0");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("BTCUSDT-1m-2020-01-01.csv");

        assertThatThrownBy(() -> KlineCsvReader.open(KlineFile.of(missing)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining("Cannot read kline file " + missing);
    }

    @Test
    void eachMalformedRowIsReportedWithFileLineAndReasonAndTheOthersAreRead() throws IOException {
        Path file = write("BTCUSDT-1m-2023-11-15.csv", String.join("\n",
                HEADER,
                "1700006400000,35559.10,35567,35544.60,35565.40,196.425,1700006459999,6983542.53060,1925,116.930,4157241.94800,0",
                "1700006460000,35565.40,35569.10,35545.10,35545.10,97.217,1700006519999",
                "1700006520000,35545.1O,35555.10,35545,35555,81.962,1700006579999,2913925.43870,1015,45.446,1615736.47140,0",
                "1700006580000,35555.10,35570,35554.40,35565.50,139.338,1700006639998,4955567.14050,1224,96.059,3416288.29710,0",
                "1700006640000,35565.50,35560,35570.90,35565.50,114.510,1700006699999,4072921.69430,1219,47.700,1696545.01430,0",
                "1700006400000,35559.10,35567,35544.60,35565.40,196.425,1700006459999,6983542.53060,1925,116.930,4157241.94800,0",
                "",
                "1700006700000,35565.50,35566.90,35551.70,35557.80,85.262,1700006759999,3031769.44920,1045,25.787,916916.85820,0",
                "17000067600OO,35557.80,35566.90,35551.70,35557.80,85.262,1700006819999,3031769.44920,1045,25.787,916916.85820,0"));

        List<CsvRow> rows = readAll(file);

        assertThat(rows).extracting(row -> row.location().line()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 9L, 10L);
        assertThat(rows.get(0)).isInstanceOf(CsvRow.Valid.class);
        assertThat(rows.get(6)).isInstanceOf(CsvRow.Valid.class);
        assertThat(rows.get(1)).hasToString(file + ":3: expected 12 columns, found 7");
        assertThat(rows.get(2)).hasToString(file + ":4: open '35545.1O' is not a decimal number");
        assertThat(rows.get(3)).hasToString(file + ":5: close_time 1700006639998 is not the close of the 1m kline opening at "
                + "1700006580000 (expected 1700006639999)");
        assertThat(rows.get(4)).hasToString(file + ":6: high 35560 is below low 35570.90");
        assertThat(rows.get(5)).hasToString(file + ":7: open_time 1700006400000 is not after the one on line 2 (1700006400000): "
                + "rows of a file must be in time order");
        assertThat(rows.get(7)).hasToString(file + ":10: open_time '17000067600OO' is not a whole number");
    }

    @Test
    void theBytesReadFollowTheRowsHandedOutAndReachTheFileSizeAtTheEnd() {
        try (KlineCsvReader reader = KlineCsvReader.open(KlineFile.of(RecordedDay.file()))) {
            for (int i = 0; i < 720; i++) {
                reader.next();
            }
            // Half the rows: half the bytes, give or take the header, however far the buffers have read ahead.
            assertThat((double) reader.bytesRead() / reader.size()).isBetween(0.49, 0.51);
            readAll(reader);
            assertThat(reader.bytesRead()).isEqualTo(reader.size());
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** A zip like data.binance.vision's, with the recorded day under each of {@code csvNames}, and a non-CSV entry. */
    private Path zip(String name, String... csvNames) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            for (String csvName : csvNames) {
                entries.putNextEntry(new ZipEntry(csvName));
                entries.write(Files.readAllBytes(RecordedDay.file()));
                entries.closeEntry();
            }
            entries.putNextEntry(new ZipEntry("README.txt"));
            entries.write("not a kline file".getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        return zip;
    }
}
