package io.tradeflow.core.testing;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The recorded day every module's tests replay: real Binance USD-M BTCUSDT 1-minute klines of 2023-11-15 (1440 of
 * them), {@code indicators/BTCUSDT-1m-2023-11-15.csv} of trading-core's test resources (provenance in the README
 * there). It is the one copy in the repository: the services' tests get it through trading-core's test-jar. Tests
 * give the klines a symbol of their own, so that test classes sharing topics or Redis never share keys.
 */
public final class RecordedDay {
    /** The file's name as data.binance.vision writes it; a replay takes symbol and interval from such a name. */
    public static final String FILE_NAME = "BTCUSDT-1m-2023-11-15.csv";
    /** How many klines the day has: one a minute. */
    public static final int SIZE = 1440;
    private static final String RESOURCE = "/indicators/" + FILE_NAME;
    /** How long after a kline's close {@link #closed(Symbol)} says it was produced: a replay at full speed. */
    private static final long PRODUCED_AFTER_CLOSE_MS = 5;
    private static Path file;

    private RecordedDay() {
    }

    /** The day's klines in time order, under {@code symbol}. */
    public static List<Kline> klines(Symbol symbol) {
        return Rows.DATA.stream().map(row -> kline(symbol, row.split(","))).toList();
    }

    /**
     * The day as market-data-service's replay publishes it: source REPLAY, market USD_M, each kline happening when it
     * closed ({@code eventTime} = {@code closeTime}) and produced 5 ms later, so that every run gives the same events.
     */
    public static List<KlineClosed> closed(Symbol symbol) {
        return klines(symbol).stream()
                .map(kline -> replayed(kline, kline.closeTime() + PRODUCED_AFTER_CLOSE_MS))
                .toList();
    }

    /** {@link #closed(Symbol)} with every event produced at {@code producedAt}, e.g. now for a test timing its consumer. */
    public static List<KlineClosed> closed(Symbol symbol, long producedAt) {
        return klines(symbol).stream().map(kline -> replayed(kline, producedAt)).toList();
    }

    /**
     * The day as a file on disk, named {@link #FILE_NAME}, for code that reads files (market-data-service's replay):
     * the classpath copy may sit inside a jar, so it is copied once per JVM into a temporary folder deleted at exit.
     */
    public static synchronized Path file() {
        if (file == null) {
            try {
                Path folder = Files.createTempDirectory("recorded-day");
                folder.toFile().deleteOnExit();
                file = writeTo(folder.resolve(FILE_NAME));
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /**
     * Writes the day's CSV, byte for byte, to {@code target} (replacing it; its folder is created) and returns it. The
     * name is the caller's: a replay reading {@code ETHUSDT-1m-2023-11-15.csv} publishes the day as ETHUSDT.
     */
    public static Path writeTo(Path target) {
        try (InputStream in = resource()) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KlineClosed replayed(Kline kline, long producedAt) {
        return KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, kline.closeTime(), producedAt);
    }

    /** A data.binance.vision row: open_time,open,high,low,close,volume,close_time,quote_volume,count,... */
    private static Kline kline(Symbol symbol, String[] row) {
        return new Kline(symbol, Interval.ONE_MINUTE, Long.parseLong(row[0]), Long.parseLong(row[6]),
                new BigDecimal(row[1]), new BigDecimal(row[2]), new BigDecimal(row[3]), new BigDecimal(row[4]),
                new BigDecimal(row[5]), new BigDecimal(row[7]), Long.parseLong(row[8]));
    }

    private static InputStream resource() {
        InputStream in = RecordedDay.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + RESOURCE
                    + ": depend on trading-core's test-jar (type test-jar, scope test) to read the recorded day");
        }
        return in;
    }

    /** The data rows as text, read once per JVM: many tests ask for the day, each under a symbol of its own. */
    private static final class Rows {
        static final List<String> DATA = read();

        private static List<String> read() {
            try (InputStream in = resource()) {
                List<String> rows = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("open_time"))
                        .toList();
                if (rows.size() != SIZE) {
                    throw new IllegalStateException(RESOURCE + " has " + rows.size() + " klines, expected " + SIZE);
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
