package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.tradeflow.klinefiles.testing.KlineTestFiles.ROW_1_US;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.ROW_2_US;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.ROW_3_MS;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.example;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.klines;
import static io.tradeflow.klinefiles.testing.KlineTestFiles.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files with times in microseconds (data.binance.vision's spot files from 2025 on), and files mixing units. */
class KlineTimeUnitTest {
    private static final Path MICROSECONDS = example("BTCUSDT-1m-2025-01-01.csv");
    private static final String ROW_1_MS = "1735689600000,93500.10,93520.00,93490.00,93510.50,12.345,1735689659999,1154321.12,800,6.100,570411.20,0";
    private static final String ROW_2_MS = "1735689660000,93510.50,93530.00,93500.00,93525.00,10.000,1735689719999,935200.00,700,5.000,467600.00,0";

    @TempDir
    Path dir;

    @Test
    void theIssuesMicrosecondFileGivesThreeKlinesInMilliseconds() {
        List<CsvRow> rows = readAll(MICROSECONDS);

        assertThat(rows).hasSize(3).allMatch(CsvRow.Valid.class::isInstance);
        List<Kline> klines = klines(rows);
        assertThat(klines).extracting(Kline::openTime).containsExactly(1735689600000L, 1735689660000L, 1735689720000L);
        assertThat(klines).extracting(Kline::closeTime).containsExactly(1735689659999L, 1735689719999L, 1735689779999L);
        assertThat(klines).extracting(Kline::symbol).containsOnly(Symbol.of("BTCUSDT"));
        assertThat(klines).extracting(Kline::interval).containsOnly(Interval.ONE_MINUTE);
        Kline first = klines.getFirst();
        assertThat(first.open().toPlainString()).isEqualTo("93500.10");
        assertThat(first.close().toPlainString()).isEqualTo("93510.50");
        assertThat(first.volume().toPlainString()).isEqualTo("12.345");
        assertThat(first.quoteVolume().toPlainString()).isEqualTo("1154321.12");
        assertThat(first.trades()).isEqualTo(800);
        assertThat(rows.getFirst().location()).isEqualTo(new RowLocation(MICROSECONDS.toString(), 1));
    }

    @Test
    void theSameRowsInMillisecondsGiveTheSameKlines() throws IOException {
        Path millis = write("BTCUSDT-1m-2025-01-01.csv", ROW_1_MS, ROW_2_MS, ROW_3_MS);

        assertThat(klines(readAll(millis))).isEqualTo(klines(readAll(MICROSECONDS)));
    }

    @Test
    void theZippedMicrosecondFileIsReadLikeTheCsv() {
        assertThat(klines(readAll(example("BTCUSDT-1m-2025-01-01.zip")))).isEqualTo(klines(readAll(MICROSECONDS)));
    }

    @Test
    void aMillisecondRowInAMicrosecondFileRefusesTheFileNamingItAndTheLine() throws IOException {
        Path mixed = write("BTCUSDT-1m-2025-01-01.csv", ROW_1_US, ROW_2_US, ROW_3_MS);

        try (KlineCsvReader reader = KlineCsvReader.open(KlineFile.of(mixed))) {
            assertThat(reader.next()).isInstanceOf(CsvRow.Valid.class);
            assertThat(reader.next()).isInstanceOf(CsvRow.Valid.class);
            assertThatThrownBy(reader::next)
                    .isInstanceOf(KlineFileException.class)
                    .hasMessageStartingWith("Kline file " + mixed + ":3 mixes time units: its times are in milliseconds "
                            + "(open_time 1735689720000), but the file's are in microseconds (from line 1)")
                    .hasMessageContaining("read the parts as separate files");
        }
    }

    @Test
    void aMicrosecondRowInAMillisecondFileIsRefusedToo() throws IOException {
        Path mixed = write("BTCUSDT-1m-2025-01-01.csv", ROW_1_MS, ROW_2_US);

        assertThatThrownBy(() -> readAll(mixed))
                .isInstanceOf(KlineFileException.class)
                .hasMessageStartingWith("Kline file " + mixed + ":2 mixes time units: its times are in microseconds "
                        + "(open_time 1735689660000000), but the file's are in milliseconds (from line 1)");
    }

    @Test
    void aRowWhoseOpenAndCloseTimesDifferInUnitIsRefused() throws IOException {
        Path mixed = write("BTCUSDT-1m-2025-01-01.csv",
                "1735689600000000,93500.10,93520.00,93490.00,93510.50,12.345,1735689659999,1154321.12,800,6.100,570411.20,0");

        assertThatThrownBy(() -> readAll(mixed))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining(mixed + ":1 mixes time units: open_time 1735689600000000 is in microseconds but "
                        + "close_time 1735689659999 in milliseconds");
    }

    @Test
    void timesOfNeither13Nor16DigitsOrBetweenMillisecondsAreMalformedRows() throws IOException {
        Path file = write("BTCUSDT-1m-2025-01-01.csv",
                "173568960000,93500.10,93520.00,93490.00,93510.50,12.345,173568965999,1154321.12,800,6.100,570411.20,0",
                "1735689600000000,93500.10,93520.00,93490.00,93510.50,12.345,17356896599999999,1154321.12,800,6.100,570411.20,0",
                "1735689600000500,93500.10,93520.00,93490.00,93510.50,12.345,1735689659999999,1154321.12,800,6.100,570411.20,0",
                "1735689600000000,93500.10,93520.00,93490.00,93510.50,12.345,1735689659999000,1154321.12,800,6.100,570411.20,0",
                ROW_2_US);

        List<CsvRow> rows = readAll(file);

        assertThat(rows.get(0)).hasToString(file + ":1: open_time 173568960000 is neither epoch milliseconds (13 digits) "
                + "nor epoch microseconds (16 digits)");
        assertThat(rows.get(1)).hasToString(file + ":2: close_time 17356896599999999 is neither epoch milliseconds (13 digits) "
                + "nor epoch microseconds (16 digits)");
        assertThat(rows.get(2)).hasToString(file + ":3: open_time 1735689600000500 is not on a whole millisecond");
        assertThat(rows.get(3)).hasToString(file + ":4: close_time 1735689659999000 is not the close of the 1m kline opening at "
                + "1735689600000000 (expected 1735689659999999)");
        assertThat(klines(rows)).extracting(Kline::openTime).containsExactly(1735689660000L);
    }

    private Path write(String name, String... rows) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", rows) + "\n");
    }
}
