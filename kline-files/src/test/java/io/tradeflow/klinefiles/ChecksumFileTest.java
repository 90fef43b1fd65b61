package io.tradeflow.klinefiles;

import io.tradeflow.core.testing.RecordedDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.tradeflow.klinefiles.testing.KlineTestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code .CHECKSUM} file data.binance.vision publishes beside each zip, checked before any row is read. */
class ChecksumFileTest {
    /** Written by GNU sha256sum (see src/test/resources/kline-files/README.md), not by the code under test. */
    private static final String ZIP_SHA256 = "12cdbbb56e2e2612df0af42e1611db899f8805d1bf1606ae3c27de97a24bc54c";

    @TempDir
    Path dir;

    @Test
    void aZipMatchingItsChecksumFileIsRead() throws IOException {
        Path zip = copyWithChecksum("BTCUSDT-1m-2025-01-01.zip");
        assertThat(Files.readString(ChecksumFile.besides(zip))).isEqualTo(ZIP_SHA256 + "  BTCUSDT-1m-2025-01-01.zip\n");

        try (KlineMerge rows = KlineMergeTest.open(List.of(zip))) {
            assertThat(rows.next()).isInstanceOf(CsvRow.Valid.class);
        }
        assertThat(ChecksumFile.sha256Of(zip)).isEqualTo(ZIP_SHA256);
    }

    @Test
    void aZipThatDoesNotMatchItsChecksumFileIsRefusedNamingBothAndWhatToDo() throws IOException {
        Path zip = copyWithChecksum("BTCUSDT-1m-2025-01-01.zip");
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip, bytes);

        assertThatThrownBy(() -> KlineMergeTest.open(List.of(zip)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageStartingWith("Kline file " + zip + " does not match its checksum file " + zip + ".CHECKSUM: its SHA-256 is ")
                .hasMessageContaining("the checksum file says " + ZIP_SHA256)
                .hasMessageContaining("download both files again from data.binance.vision (or delete " + zip + ".CHECKSUM "
                        + "to read the file unverified)");
    }

    @Test
    void theIssuesMonthlyZipIsRefusedWhenItsChecksumFileGivesAnotherDigest() throws IOException {
        Path zip = zipOfTheRecordedDay("BTCUSDT-1m-2023-11.zip");
        String other = "0".repeat(64);
        Files.writeString(dir.resolve("BTCUSDT-1m-2023-11.zip.CHECKSUM"), other + "  BTCUSDT-1m-2023-11.zip\n");

        assertThatThrownBy(() -> KlineMergeTest.open(List.of(RecordedDay.file(), zip)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining(zip + " does not match its checksum file " + dir.resolve("BTCUSDT-1m-2023-11.zip.CHECKSUM"))
                .hasMessageContaining("the checksum file says " + other);
    }

    @Test
    void withoutAChecksumFileTheZipIsReadUnverified() throws IOException {
        Path zip = dir.resolve("BTCUSDT-1m-2025-01-01.zip");
        Files.copy(example("BTCUSDT-1m-2025-01-01.zip"), zip);

        try (KlineMerge rows = KlineMergeTest.open(List.of(zip))) {
            assertThat(rows.next()).isInstanceOf(CsvRow.Valid.class);
        }
    }

    @Test
    void aCsvWithAChecksumFileBesideItIsCheckedToo() throws IOException {
        Path csv = dir.resolve("BTCUSDT-1m-2025-01-01.csv");
        Files.copy(example("BTCUSDT-1m-2025-01-01.csv"), csv);
        Files.writeString(ChecksumFile.besides(csv), ZIP_SHA256 + "  BTCUSDT-1m-2025-01-01.csv\n");

        assertThatThrownBy(() -> KlineMergeTest.open(List.of(csv)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining("Kline file " + csv + " does not match its checksum file " + csv + ".CHECKSUM");
    }

    @Test
    void onlyTheDigestCountsNotTheNameInside() throws IOException {
        // Renamed to our -UM- pattern with its checksum file: still the published bytes.
        Path renamed = dir.resolve("BTCUSDT-UM-1m-2025-01-01.zip");
        Files.copy(example("BTCUSDT-1m-2025-01-01.zip"), renamed);
        Files.copy(example("BTCUSDT-1m-2025-01-01.zip.CHECKSUM"), ChecksumFile.besides(renamed));

        try (KlineMerge rows = KlineMergeTest.open(List.of(renamed))) {
            assertThat(rows.next()).isInstanceOf(CsvRow.Valid.class);
        }
    }

    @Test
    void theChecksumFileIsReadInSha256sumsFormats() throws IOException {
        Path text = Files.writeString(dir.resolve("a.CHECKSUM"), ZIP_SHA256 + "  BTCUSDT-1m-2025-01-01.zip\n");
        Path binary = Files.writeString(dir.resolve("b.CHECKSUM"), ZIP_SHA256.toUpperCase() + " *BTCUSDT-1m-2025-01-01.zip\r\n");
        Path bare = Files.writeString(dir.resolve("c.CHECKSUM"), ZIP_SHA256);

        assertThat(ChecksumFile.read(text)).isEqualTo(new ChecksumFile(text, ZIP_SHA256, "BTCUSDT-1m-2025-01-01.zip"));
        assertThat(ChecksumFile.read(binary)).isEqualTo(new ChecksumFile(binary, ZIP_SHA256, "BTCUSDT-1m-2025-01-01.zip"));
        assertThat(ChecksumFile.read(bare)).isEqualTo(new ChecksumFile(bare, ZIP_SHA256, null));
    }

    @Test
    void aChecksumFileThatIsNotOneSha256LineIsRefusedNamingIt() throws IOException {
        Path zip = dir.resolve("BTCUSDT-1m-2025-01-01.zip");
        Files.copy(example("BTCUSDT-1m-2025-01-01.zip"), zip);
        Path checksum = Files.writeString(ChecksumFile.besides(zip), "<html>404 Not Found</html>\n");

        assertThatThrownBy(() -> KlineMergeTest.open(List.of(zip)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageStartingWith("Checksum file " + checksum + " is not one SHA-256 line as data.binance.vision writes it")
                .hasMessageContaining("delete it to read the file beside it unverified");
    }

    private Path copyWithChecksum(String name) throws IOException {
        Path zip = dir.resolve(name);
        Files.copy(example(name), zip, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(example(name + ".CHECKSUM"), ChecksumFile.besides(zip));
        return zip;
    }

    private Path zipOfTheRecordedDay(String name) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream entries = new ZipOutputStream(Files.newOutputStream(zip))) {
            entries.putNextEntry(new ZipEntry(RecordedDay.FILE_NAME));
            entries.write(Files.readAllBytes(RecordedDay.file()));
            entries.closeEntry();
        }
        return zip;
    }
}
