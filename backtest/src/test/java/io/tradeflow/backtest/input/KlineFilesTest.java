package io.tradeflow.backtest.input;

import io.tradeflow.backtest.Klines;
import io.tradeflow.backtest.LoadedKlines;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.klinefiles.DateSpan;
import io.tradeflow.klinefiles.KlineFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kline files as the engine reads them: the replay's klines, strict about bad rows, each kline once. */
class KlineFilesTest {
    private static final Symbol BTCUSDT = Symbol.of("BTCUSDT");

    @TempDir
    Path dir;

    @Test
    void theRecordedDaysFileGivesTheKlinesTheReplayPublishes() {
        KlineFiles files = KlineFiles.of(List.of(KlineFile.of(RecordedDay.file())), Optional.empty(), s -> Market.USD_M);

        List<KlineClosed> klines = LoadedKlines.load(files).klines();

        // The replay's events (RecordedDay.closed) but for producedAt: here the close, there 5 ms later.
        assertThat(klines).containsExactlyElementsOf(RecordedDay.closed(BTCUSDT).stream()
                .map(k -> new KlineClosed(k.source(), k.market(), k.symbol(), k.interval(), k.openTime(), k.closeTime(),
                        k.open(), k.high(), k.low(), k.close(), k.volume(), k.quoteVolume(), k.trades(), k.eventTime(),
                        k.closeTime()))
                .toList());
    }

    @Test
    void onlyTheKlinesOfTheDaysAskedForAreRead() throws IOException {
        // The recorded day is 2023-11-15; the next day's file is the same rows moved by a day.
        Path next = shifted("BTCUSDT-1m-2023-11-16.csv", 86_400_000L);
        KlineFiles files = KlineFiles.of(List.of(KlineFile.of(RecordedDay.file()), KlineFile.of(next)),
                Optional.of(new DateSpan(LocalDate.parse("2023-11-16"), LocalDate.parse("2023-11-16"))), s -> Market.USD_M);

        try (KlineFiles.FilesPass pass = files.open()) {
            List<KlineClosed> read = readAll(pass);
            assertThat(read).hasSize(RecordedDay.SIZE);
            assertThat(read.getFirst().openTime()).isEqualTo(1700092800000L);
            assertThat(pass.outside()).isEqualTo(RecordedDay.SIZE);
            assertThat(pass.read()).isEqualTo(RecordedDay.SIZE);
        }
    }

    @Test
    void aKlineInTwoFilesIsReadOnce() throws IOException {
        // A monthly file beside the daily file of one of its days.
        Path monthly = Files.copy(RecordedDay.file(), dir.resolve("BTCUSDT-1m-2023-11.csv"));
        KlineFiles files = KlineFiles.of(List.of(KlineFile.of(monthly), KlineFile.of(RecordedDay.file())),
                Optional.empty(), s -> Market.USD_M);

        try (KlineFiles.FilesPass pass = files.open()) {
            assertThat(readAll(pass)).hasSize(RecordedDay.SIZE);
            assertThat(pass.repeated()).isEqualTo(RecordedDay.SIZE);
        }
    }

    @Test
    void aMalformedRowStopsThePassNamingTheFileAndLine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(RecordedDay.file()));
        lines.set(100, lines.get(100).substring(0, 30));
        Path damaged = Files.write(dir.resolve("BTCUSDT-1m-2023-11-15.csv"), lines);
        KlineFiles files = KlineFiles.of(List.of(KlineFile.of(damaged)), Optional.empty(), s -> Market.USD_M);

        assertThatThrownBy(() -> LoadedKlines.load(files))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("Kline file " + damaged + ":101: expected 12 columns, found ")
                .hasMessageContaining("fix the row, or download the file again from data.binance.vision");
    }

    @Test
    void eachKlineHasItsSymbolsMarket() {
        KlineFiles files = KlineFiles.of(List.of(KlineFile.of(RecordedDay.file())), Optional.empty(), s -> Market.COIN_M);

        try (Klines.Pass pass = files.open()) {
            assertThat(pass.next().market()).isEqualTo(Market.COIN_M);
        }
    }

    private static List<KlineClosed> readAll(Klines.Pass pass) {
        List<KlineClosed> read = new ArrayList<>();
        for (KlineClosed kline = pass.next(); kline != null; kline = pass.next()) {
            read.add(kline);
        }
        return read;
    }

    /** The recorded day's rows with both times moved by {@code millis}, under {@code name}. */
    private Path shifted(String name, long millis) throws IOException {
        List<String> shifted = new ArrayList<>();
        for (String line : Files.readAllLines(RecordedDay.file())) {
            if (line.startsWith("open_time")) {
                shifted.add(line);
                continue;
            }
            String[] columns = line.split(",", -1);
            columns[0] = Long.toString(Long.parseLong(columns[0]) + millis);
            columns[6] = Long.toString(Long.parseLong(columns[6]) + millis);
            shifted.add(String.join(",", columns));
        }
        return Files.write(dir.resolve(name), shifted);
    }
}
