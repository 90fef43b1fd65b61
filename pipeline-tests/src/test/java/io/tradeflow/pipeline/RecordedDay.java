package io.tradeflow.pipeline;

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
import java.util.ArrayList;
import java.util.List;

/** The recorded BTCUSDT day of {@code klines/BTCUSDT-1m-2023-11-15.csv}, as closed klines of a symbol of the test's choosing. */
final class RecordedDay {
    private RecordedDay() {
    }

    static List<KlineClosed> klines(Symbol symbol) {
        try (InputStream in = RecordedDay.class.getResourceAsStream("/klines/BTCUSDT-1m-2023-11-15.csv")) {
            List<KlineClosed> klines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("open_time")) {
                    continue;
                }
                String[] row = line.trim().split(",");
                Kline kline = new Kline(symbol, Interval.ONE_MINUTE, Long.parseLong(row[0]), Long.parseLong(row[6]),
                        new BigDecimal(row[1]), new BigDecimal(row[2]), new BigDecimal(row[3]), new BigDecimal(row[4]),
                        new BigDecimal(row[5]), new BigDecimal(row[7]), Long.parseLong(row[8]));
                klines.add(KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, kline.closeTime(), kline.closeTime() + 5));
            }
            return List.copyOf(klines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
