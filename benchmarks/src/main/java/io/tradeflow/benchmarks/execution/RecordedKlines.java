package io.tradeflow.benchmarks.execution;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded one-minute klines of a data.binance.vision CSV ({@code open_time,open,high,low,close,volume,close_time,
 * quote_volume,count,...}, e.g. {@code data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv}), handed out under
 * any symbol. Each benchmark symbol starts at another row of the file, so the symbols trade different prices, and its
 * klines are timed one minute apart from the file's first open time on: a symbol that wraps past the file's last row
 * goes on with its first row's prices (one price jump) while its time keeps moving forward.
 */
public final class RecordedKlines {
    private static final long MINUTE = 60_000;

    private final List<Kline> rows;

    private RecordedKlines(List<Kline> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no kline rows");
        }
        this.rows = rows;
    }

    /** Reads the CSV; the header line and blank lines are skipped. */
    public static RecordedKlines read(Path csv) {
        try {
            List<Kline> rows = new ArrayList<>();
            Symbol placeholder = new Symbol("CSV");
            for (String line : Files.readAllLines(csv, StandardCharsets.US_ASCII)) {
                if (line.isBlank() || !Character.isDigit(line.charAt(0))) {
                    continue;
                }
                String[] f = line.trim().split(",");
                rows.add(new Kline(placeholder, Interval.ONE_MINUTE, Long.parseLong(f[0]), Long.parseLong(f[6]),
                        new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]), new BigDecimal(f[4]),
                        new BigDecimal(f[5]), new BigDecimal(f[7]), Long.parseLong(f[8])));
            }
            return new RecordedKlines(List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + csv, e);
        }
    }

    /** How many rows the file has. */
    public int size() {
        return rows.size();
    }

    /**
     * {@code count} closed klines of {@code symbol}, prices from row {@code firstRow} on (wrapping), open times from
     * the file's first open time on, one minute apart; event time the close time (as a replay publishes them),
     * {@code producedAt} 1 (the writer stamps the real one when it sends).
     */
    public List<KlineClosed> klines(Symbol symbol, int firstRow, int count) {
        long start = rows.getFirst().openTime();
        List<KlineClosed> klines = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Kline row = rows.get(Math.floorMod(firstRow + k, rows.size()));
            long openTime = start + k * MINUTE;
            Kline kline = new Kline(symbol, Interval.ONE_MINUTE, openTime, openTime + MINUTE - 1, row.open(), row.high(),
                    row.low(), row.close(), row.volume(), row.quoteVolume(), row.trades());
            klines.add(KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, kline.closeTime(), 1));
        }
        return klines;
    }
}
