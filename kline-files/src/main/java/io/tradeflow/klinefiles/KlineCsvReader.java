package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the rows of one data.binance.vision kline file, a {@code .csv} or a {@code .zip} holding one, with or
 * without the header row. Columns: {@code open_time,open,high,low,close,volume,close_time,quote_volume,count,
 * taker_buy_volume,taker_buy_quote_volume,ignore}; the taker columns and {@code ignore} are not part of a
 * {@link Kline} and are not read. Prices and volumes become {@link BigDecimal} straight from their text, so
 * {@code 35567} stays {@code 35567}.
 *
 * <p>Times are epoch milliseconds or, in spot files from 2025 on, microseconds ({@link TimeUnitOfFile}); the unit is
 * told from the file's first row and klines always carry milliseconds. A file that mixes the two is refused with a
 * {@link KlineFileException} naming the line: its rows could not all be right.
 *
 * <p>A row that is not a valid kline of the file's pair comes back as {@link CsvRow.Malformed} with its line, and
 * reading goes on. Rows must be in time order within a file, as Binance writes them: {@link KlineMerge} merges files
 * by open time and could not put a row that goes back in its place.
 */
public final class KlineCsvReader implements Closeable {
    static final String HEADER_START = "open_time";
    private static final int COLUMNS = 12;

    private final KlineFile file;
    private final String name;
    private final Closeable source;
    private final long size;
    private final BufferedReader lines;
    private long lineNumber;
    private long bytesRead;
    private long previousOpenTime = Long.MIN_VALUE;
    private long previousLine;
    private TimeUnitOfFile unit;
    private long unitLine;
    private long rows;
    private long malformed;
    private CsvRow.Malformed firstMalformed;

    private KlineCsvReader(KlineFile file, String name, Closeable source, InputStream in, long size) {
        this.file = file;
        this.name = name;
        this.source = source;
        this.size = size;
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Opens {@code file}; fails with a message naming it when it is missing, unreadable or an unusable zip. */
    public static KlineCsvReader open(KlineFile file) {
        try {
            return file.isZip() ? openZip(file) : new KlineCsvReader(file, file.path().toString(), null,
                    Files.newInputStream(file.path()), Files.size(file.path()));
        } catch (IOException e) {
            throw new KlineFileException("Cannot read kline file " + file.path() + ": " + describe(e), e);
        }
    }

    private static KlineCsvReader openZip(KlineFile file) throws IOException {
        ZipFile zip = new ZipFile(file.path().toFile());
        try {
            List<? extends ZipEntry> csvs = zip.stream()
                    .filter(entry -> !entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .toList();
            if (csvs.size() != 1) {
                throw new KlineFileException("Kline file " + file.path() + " must hold exactly one .csv file, it holds "
                        + csvs.size() + (csvs.isEmpty() ? "" : ": " + csvs.stream().map(ZipEntry::getName).toList()));
            }
            ZipEntry entry = csvs.getFirst();
            return new KlineCsvReader(file, file.path() + "!" + entry.getName(), zip, zip.getInputStream(entry),
                    Math.max(entry.getSize(), 0));
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** The next data row, or null at the end of the file. */
    public CsvRow next() {
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                // Counted per line handed out, not per byte the buffers read ahead, so the share done is the share
                // handed out. Kline files are ASCII (a char is a byte); a "\r\n" counts as one, made up for at the end.
                bytesRead = Math.min(size, bytesRead + line.length() + 1);
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank() || (lineNumber == 1 && line.startsWith(HEADER_START))) {
                    continue;
                }
                return counted(parse(line, new RowLocation(name, lineNumber)));
            }
            bytesRead = size;
            return null;
        } catch (IOException e) {
            throw new KlineFileException("Cannot read kline file " + name + " after line " + lineNumber + ": " + describe(e), e);
        }
    }

    /** Bytes of the CSV text read so far (uncompressed for a zip); with {@link #size()} it tells the progress. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Bytes of the CSV text (uncompressed for a zip). */
    public long size() {
        return size;
    }

    /** The rows handed out so far; what the file held once {@link #next()} has returned null. */
    public FileTally tally() {
        return new FileTally(name, rows, malformed, firstMalformed);
    }

    private CsvRow counted(CsvRow row) {
        rows++;
        if (row instanceof CsvRow.Malformed bad) {
            malformed++;
            if (firstMalformed == null) {
                firstMalformed = bad;
            }
        }
        return row;
    }

    private CsvRow parse(String line, RowLocation location) {
        String[] columns = line.split(",", -1);
        if (columns.length != COLUMNS) {
            return new CsvRow.Malformed(location, "expected " + COLUMNS + " columns, found " + columns.length);
        }
        try {
            Symbol symbol = file.symbol();
            Interval interval = file.interval();
            // As written, in the file's unit: messages quote the file.
            long openTime = whole("open_time", columns[0]);
            long closeTime = whole("close_time", columns[6]);
            TimeUnitOfFile timeUnit = unitOf(openTime, closeTime, location);
            long openMillis = timeUnit.openTimeMillis(openTime);
            long closeMillis = expectedCloseTime(interval, openMillis);
            long expectedClose = timeUnit.closeTimeIn(closeMillis);
            if (closeTime != expectedClose) {
                return new CsvRow.Malformed(location, "close_time " + closeTime + " is not the close of the " + interval.code()
                        + " kline opening at " + openTime + " (expected " + expectedClose + ")");
            }
            if (openTime <= previousOpenTime) {
                return new CsvRow.Malformed(location, "open_time " + openTime + " is not after the one on line " + previousLine
                        + " (" + previousOpenTime + "): rows of a file must be in time order");
            }
            Kline kline = new Kline(symbol, interval, openMillis, closeMillis,
                    decimal("open", columns[1]), decimal("high", columns[2]), decimal("low", columns[3]),
                    decimal("close", columns[4]), decimal("volume", columns[5]), decimal("quote_volume", columns[7]),
                    whole("count", columns[8]));
            previousOpenTime = openTime;
            previousLine = location.line();
            return new CsvRow.Valid(kline, location);
        } catch (IllegalArgumentException e) {
            return new CsvRow.Malformed(location, e.getMessage());
        }
    }

    /**
     * The unit of this row's times, which the first row with times of one unit sets for the whole file. A row of
     * the other unit is not a malformed row to skip but a sign that files were joined: the file is refused.
     */
    private TimeUnitOfFile unitOf(long openTime, long closeTime, RowLocation location) {
        TimeUnitOfFile open = TimeUnitOfFile.of(openTime);
        TimeUnitOfFile close = TimeUnitOfFile.of(closeTime);
        if (open == null || close == null) {
            throw new IllegalArgumentException((open == null ? "open_time " + openTime : "close_time " + closeTime)
                    + " is neither epoch milliseconds (13 digits) nor epoch microseconds (16 digits)");
        }
        if (open != close) {
            throw mixedUnits(location, "open_time " + openTime + " is in " + open + " but close_time " + closeTime + " in " + close);
        }
        if (unit == null) {
            unit = open;
            unitLine = location.line();
        } else if (open != unit) {
            throw mixedUnits(location, "its times are in " + open + " (open_time " + openTime + "), but the file's are in "
                    + unit + " (from line " + unitLine + ")");
        }
        return unit;
    }

    private static KlineFileException mixedUnits(RowLocation location, String what) {
        return new KlineFileException("Kline file " + location + " mixes time units: " + what + ". A kline file must use one "
                + "unit (data.binance.vision: microseconds in spot files from 2025-01-01 on, milliseconds everywhere else); "
                + "read the parts as separate files, or download the file again whole from data.binance.vision.");
    }

    private static long expectedCloseTime(Interval interval, long openTime) {
        try {
            return interval.closeTimeOf(openTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("open_time " + openTime + ": " + e.getMessage(), e);
        }
    }

    private static long whole(String column, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a whole number");
        }
    }

    private static BigDecimal decimal(String column, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a decimal number");
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    @Override
    public void close() {
        try {
            lines.close();
            if (source != null) {
                source.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
