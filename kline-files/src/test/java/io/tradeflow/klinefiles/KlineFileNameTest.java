package io.tradeflow.klinefiles;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.klinefiles.testing.KlineTestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KlineFileNameTest {

    @ParameterizedTest
    @CsvSource({
            "BTCUSDT-1m-2023-11-15.csv, BTCUSDT, 1m",
            "BTCUSDT-1m-2023-11.zip, BTCUSDT, 1m",
            "BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv, BTCUSDT, 1m",
            "/data/history/ETHUSDT-15m-2024-01.ZIP, ETHUSDT, 15m",
            "BTCUSD_PERP-1M-2023.zip, BTCUSD_PERP, 1M",
            "ethusdt-4h-2024-02-29.csv, ETHUSDT, 4h",
            // data.binance.vision names the month 1mo (1M and 1m are one name on a case-insensitive file system)
            "BTCUSDT-1mo-2024-01.csv, BTCUSDT, 1M",
            "BTCUSDT-1mo-2024-01.zip, BTCUSDT, 1M",
            "BTCUSDT-1m-2024-01.zip, BTCUSDT, 1m",
            "BTCUSDT-UM-1mo-2023-01_to_2023-12.csv, BTCUSDT, 1M",
    })
    void theSymbolIsTheFirstTokenAndTheIntervalTheFirstValidCode(String path, String symbol, String interval) {
        KlineFile file = KlineFile.of(Path.of(path));

        assertThat(file.symbol()).isEqualTo(Symbol.of(symbol));
        assertThat(file.interval()).isEqualTo(Interval.fromCode(interval));
        assertThat(file.path()).isEqualTo(Path.of(path));
    }

    @Test
    void theIssuesMonthlyFileIsOneKlineOfTheMonthClosingAtItsLastMillisecond() {
        KlineFile file = KlineFile.of(KlineTestFiles.example("BTCUSDT-1mo-2024-01.csv"));
        assertThat(file.interval()).isEqualTo(Interval.ONE_MONTH);

        List<CsvRow> rows;
        try (KlineCsvReader reader = KlineCsvReader.open(file)) {
            rows = KlineTestFiles.readAll(reader);
        }

        assertThat(rows).hasSize(1).first().isInstanceOf(CsvRow.Valid.class);
        Kline kline = ((CsvRow.Valid) rows.getFirst()).kline();
        assertThat(kline.interval()).isEqualTo(Interval.ONE_MONTH);
        assertThat(kline.openTime()).isEqualTo(1704067200000L);
        assertThat(kline.closeTime()).isEqualTo(1706745599999L);
        assertThat(kline.high().toPlainString()).isEqualTo("48900.0");
        assertThat(kline.volume().toPlainString()).isEqualTo("9000000.000");
    }

    @Test
    void anArchiveIntervalTradeflowHasNotIsNamedInTheError() {
        assertThatThrownBy(() -> KlineFile.of(Path.of("BTCUSDT-1s-2025-01-01.zip")))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining("BTCUSDT-1s-2025-01-01.zip")
                .hasMessageContaining("its interval 1s (one-second klines) is not one Tradeflow works with");
    }

    @Test
    void aZipIsRecognisedByItsExtension() {
        assertThat(KlineFile.of(Path.of("BTCUSDT-1m-2023-11.zip")).isZip()).isTrue();
        assertThat(KlineFile.of(Path.of("BTCUSDT-1m-2023-11.csv")).isZip()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"klines.csv", "BTCUSDT-2023-11-15.csv", "BTCUSDT-1min-2023-11-15.csv", "/tmp/BTCUSDT-UM-2023-11.zip",
            "BTCUSDT-1MO-2024-01.zip", "BTCUSDT-1month-2024-01.zip"})
    void aNameWithoutAnIntervalFailsNamingTheFile(String path) {
        assertThatThrownBy(() -> KlineFile.of(Path.of(path)))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining(path)
                .hasMessageContaining("interval code");
    }

    @Test
    void aNameWithoutASymbolFailsNamingTheFile() {
        assertThatThrownBy(() -> KlineFile.of(Path.of("data/-1m-2023-11-15.csv")))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining("data/-1m-2023-11-15.csv")
                .hasMessageContaining("is not a symbol");
        assertThatThrownBy(() -> KlineFile.of(Path.of("BTC.USDT-1m-2023-11-15.csv")))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining("'BTC.USDT' is not a symbol");
    }

    @Test
    void onlyCsvAndZipFilesAreRead() {
        assertThatThrownBy(() -> KlineFile.of(Path.of("BTCUSDT-1m-2023-11-15.csv.gz")))
                .isInstanceOf(KlineFileException.class)
                .hasMessageContaining("BTCUSDT-1m-2023-11-15.csv.gz")
                .hasMessageContaining("neither a .csv nor a .zip");
    }
}
