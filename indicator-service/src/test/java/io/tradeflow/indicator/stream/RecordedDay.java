package io.tradeflow.indicator.stream;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The recorded day of BTCUSDT 1m klines (see resources/klines/README.md) as KlineClosed events of another symbol. */
final class RecordedDay {
    static final int SIZE = 1440;
    private static final String FILE = "/klines/BTCUSDT-1m-2023-11-15.csv";

    private RecordedDay() {
    }

    static List<KlineClosed> klines(Symbol symbol) {
        try (InputStream in = RecordedDay.class.getResourceAsStream(FILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("open_time"))
                    .map(line -> kline(symbol, line.split(",")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KlineClosed kline(Symbol symbol, String[] row) {
        long closeTime = Long.parseLong(row[6]);
        // As the replay source writes it: the kline happened when it closed.
        return new KlineClosed(KlineSource.REPLAY, Market.USD_M, symbol, Interval.ONE_MINUTE, Long.parseLong(row[0]), closeTime,
                new BigDecimal(row[1]), new BigDecimal(row[2]), new BigDecimal(row[3]), new BigDecimal(row[4]),
                new BigDecimal(row[5]), new BigDecimal(row[7]), Long.parseLong(row[8]), closeTime, closeTime + 1);
    }
}
