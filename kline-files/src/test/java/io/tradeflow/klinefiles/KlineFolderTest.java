package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kline files found in a folder by their names: pair and days. */
class KlineFolderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "BTCUSDT-1m-2023-11-15.zip, 2023-11-15, 2023-11-15",
            "BTCUSDT-1m-2023-11.zip, 2023-11-01, 2023-11-30",
            "BTCUSDT-1mo-2024-02.csv, 2024-02-01, 2024-02-29",
            "BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv, 2023-11-15, 2023-11-21",
            "BTCUSDT-UM-1m-2023-10_to_2023-11-21.csv, 2023-10-01, 2023-11-21",
    })
    void theNameGivesTheDaysTheFileCovers(String name, LocalDate first, LocalDate last) {
        assertThat(KlineFile.of(Path.of(name)).dates()).contains(new DateSpan(first, last));
    }

    @ParameterizedTest
    @CsvSource({"BTCUSDT-1m.csv", "BTCUSDT-1m-latest.csv", "BTCUSDT-1m-2023-13-01.csv", "BTCUSDT-1m-2023-11-21_to_2023-11-15.csv"})
    void aNameWithoutDatesGivesNone(String name) {
        assertThat(KlineFile.of(Path.of(name)).dates()).isEmpty();
    }

    @Test
    void everyKlineFileUnderTheFolderIsListedAndNothingElse() throws IOException {
        // data.binance.vision's download tree, with the checksum files beside the zips and a note.
        Path nested = Files.createDirectories(dir.resolve("futures/um/daily/klines/BTCUSDT/1m"));
        Path day = touch(nested.resolve("BTCUSDT-1m-2023-11-15.zip"));
        touch(nested.resolve("BTCUSDT-1m-2023-11-15.zip.CHECKSUM"));
        Path eth = touch(dir.resolve("ETHUSDT-5m-2023-11.zip"));
        touch(dir.resolve("README.md"));
        touch(dir.resolve("trades.csv"));

        assertThat(KlineFolder.list(dir)).extracting(KlineFile::path).containsExactly(eth, day);
    }

    @Test
    void theFilesOfTheWantedPairsThatMayHoldTheDaysAreSelected() throws IOException {
        List<KlineFile> files = KlineFolder.list(dir(
                "BTCUSDT-1m-2023-11-14.zip", "BTCUSDT-1m-2023-11-15.zip", "BTCUSDT-1m-2023-11-16.zip",
                "BTCUSDT-1m-2023-10.zip", "BTCUSDT-1m-2023-11.zip", "BTCUSDT-5m-2023-11-15.zip",
                "ETHUSDT-1m-2023-11-15.zip", "BTCUSDT-1m-latest.csv"));

        List<KlineFile> chosen = KlineFolder.select(files,
                (symbol, interval) -> symbol.equals(Symbol.of("BTCUSDT")) && interval == Interval.ONE_MINUTE,
                LocalDate.parse("2023-11-15"), LocalDate.parse("2023-11-16"));

        assertThat(chosen).extracting(file -> file.path().getFileName().toString()).containsExactly(
                "BTCUSDT-1m-2023-11-15.zip", "BTCUSDT-1m-2023-11-16.zip", "BTCUSDT-1m-2023-11.zip",
                "BTCUSDT-1m-latest.csv");
    }

    @Test
    void aMissingFolderIsRefusedNamingIt() {
        Path missing = dir.resolve("no-such-folder");

        assertThatThrownBy(() -> KlineFolder.list(missing))
                .isInstanceOf(KlineFileException.class)
                .hasMessageStartingWith("No folder " + missing + ": give the folder holding the kline files");
    }

    @Test
    void aFileIsDescribedByNamePairAndDays() {
        assertThat(KlineFolder.describe(KlineFile.of(Path.of("/data/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv"))))
                .isEqualTo("BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv (BTCUSDT 1m, 2023-11-15 to 2023-11-21)");
        assertThat(KlineFolder.describe(KlineFile.of(Path.of("BTCUSDT-1m-latest.csv"))))
                .isEqualTo("BTCUSDT-1m-latest.csv (BTCUSDT 1m)");
    }

    private Path dir(String... names) throws IOException {
        for (String name : names) {
            touch(dir.resolve(name));
        }
        return dir;
    }

    private static Path touch(Path file) throws IOException {
        return Files.writeString(file, "");
    }
}
