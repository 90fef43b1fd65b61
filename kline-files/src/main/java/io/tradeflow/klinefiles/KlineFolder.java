package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The kline files of a folder, found by their data.binance.vision names. Subfolders are searched too, since the
 * archive's download tree nests files by market, period, symbol and interval
 * ({@code futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2023-11-15.zip}).
 */
public final class KlineFolder {
    /** Deep enough for the archive's tree (seven levels) inside a folder of one's own. */
    private static final int MAX_DEPTH = 12;

    private KlineFolder() {
    }

    /**
     * Every {@code .csv} or {@code .zip} file under {@code folder} whose name gives a symbol and an interval, by path;
     * other files (checksums, notes, files named otherwise) are not kline files and are left out.
     *
     * @throws KlineFileException when the folder does not exist or cannot be read
     */
    public static List<KlineFile> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new KlineFileException("No folder " + folder + ": give the folder holding the kline files "
                    + "(data.binance.vision names such as BTCUSDT-1m-2023-11-15.zip)");
        }
        try (Stream<Path> paths = Files.walk(folder, MAX_DEPTH)) {
            return paths.filter(Files::isRegularFile).sorted()
                    .map(KlineFolder::klineFileOrNull)
                    .filter(file -> file != null)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new KlineFileException("Cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files of the wanted pairs that may hold klines of the days {@code from} to {@code to} (inclusive, UTC): those
     * whose name covers one of them, and those whose name has no dates (their klines are judged by their times).
     */
    public static List<KlineFile> select(List<KlineFile> files, BiPredicate<Symbol, Interval> wanted, LocalDate from,
                                         LocalDate to) {
        return files.stream()
                .filter(file -> wanted.test(file.symbol(), file.interval()))
                .filter(file -> file.dates().map(span -> span.overlaps(from, to)).orElse(true))
                .sorted(Comparator.comparing(KlineFile::path))
                .toList();
    }

    private static KlineFile klineFileOrNull(Path path) {
        try {
            return KlineFile.of(path);
        } catch (KlineFileException notAKlineFile) {
            return null;
        }
    }

    /** The dates of a file's name, for messages: "BTCUSDT 1m 2023-11-15 to 2023-11-21". */
    public static String describe(KlineFile file) {
        Optional<DateSpan> dates = file.dates();
        return file.path().getFileName() + " (" + file.symbol().value() + " " + file.interval().code()
                + dates.map(span -> ", " + span).orElse("") + ")";
    }
}
