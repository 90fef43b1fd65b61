package io.tradeflow.klinefiles.testing;

import io.tradeflow.core.domain.Kline;
import io.tradeflow.klinefiles.CsvRow;
import io.tradeflow.klinefiles.KlineCsvReader;
import io.tradeflow.klinefiles.KlineFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The example files of issue 15 ({@code kline-files/} of this module's test resources, described in the README there)
 * and helpers to read kline files whole, for the tests of kline-files and of its users (market-data-service's
 * replay). Shipped in the test-jar.
 */
public final class KlineTestFiles {
    /** A 1m row of 2025-01-01 00:00 UTC with its times in microseconds, as data.binance.vision's spot files from 2025. */
    public static final String ROW_1_US = "1735689600000000,93500.10,93520.00,93490.00,93510.50,12.345,1735689659999999,1154321.12,800,6.100,570411.20,0";
    /** The next minute, in microseconds. */
    public static final String ROW_2_US = "1735689660000000,93510.50,93530.00,93500.00,93525.00,10.000,1735689719999999,935200.00,700,5.000,467600.00,0";
    /** The minute after, in milliseconds. */
    public static final String ROW_3_MS = "1735689720000,93525.00,93540.00,93515.00,93530.00,8.500,1735689779999,795000.00,650,4.200,392800.00,0";

    private static Path folder;

    private KlineTestFiles() {
    }

    /**
     * An example file on disk, under its own name: the classpath copy may sit inside a jar, so the files are copied
     * once per JVM into a temporary folder deleted at exit.
     */
    public static synchronized Path example(String name) {
        try {
            if (folder == null) {
                folder = Files.createTempDirectory("kline-files-examples");
                folder.toFile().deleteOnExit();
            }
            Path target = folder.resolve(name);
            if (!Files.exists(target)) {
                copy(name, target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of a kline file, read to its end. */
    public static List<CsvRow> readAll(Path path) {
        try (KlineCsvReader reader = KlineCsvReader.open(KlineFile.of(path))) {
            return readAll(reader);
        }
    }

    /** Every row left in an open reader. */
    public static List<CsvRow> readAll(KlineCsvReader reader) {
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    /** The klines among the rows, in order. */
    public static List<Kline> klines(List<CsvRow> rows) {
        return rows.stream().filter(CsvRow.Valid.class::isInstance).map(row -> ((CsvRow.Valid) row).kline()).toList();
    }

    private static void copy(String name, Path target) throws IOException {
        try (InputStream in = KlineTestFiles.class.getResourceAsStream("/kline-files/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /kline-files/" + name
                        + ": depend on kline-files' test-jar (type test-jar, scope test) to read the example files");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
    }
}
