package io.tradeflow.marketdata.replay;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayFileNameTest {

    @ParameterizedTest
    @CsvSource({
            "BTCUSDT-1m-2023-11-15.csv, BTCUSDT, 1m",
            "BTCUSDT-1m-2023-11.zip, BTCUSDT, 1m",
            "BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv, BTCUSDT, 1m",
            "/data/history/ETHUSDT-15m-2024-01.ZIP, ETHUSDT, 15m",
            "BTCUSD_PERP-1M-2023.zip, BTCUSD_PERP, 1M",
            "ethusdt-4h-2024-02-29.csv, ETHUSDT, 4h",
    })
    void theSymbolIsTheFirstTokenAndTheIntervalTheFirstValidCode(String path, String symbol, String interval) {
        KlineFile file = KlineFile.of(Path.of(path));

        assertThat(file.symbol()).isEqualTo(Symbol.of(symbol));
        assertThat(file.interval()).isEqualTo(Interval.fromCode(interval));
        assertThat(file.path()).isEqualTo(Path.of(path));
    }

    @Test
    void aZipIsRecognisedByItsExtension() {
        assertThat(KlineFile.of(Path.of("BTCUSDT-1m-2023-11.zip")).isZip()).isTrue();
        assertThat(KlineFile.of(Path.of("BTCUSDT-1m-2023-11.csv")).isZip()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"klines.csv", "BTCUSDT-2023-11-15.csv", "BTCUSDT-1min-2023-11-15.csv", "/tmp/BTCUSDT-UM-2023-11.zip"})
    void aNameWithoutAnIntervalFailsNamingTheFile(String path) {
        assertThatThrownBy(() -> KlineFile.of(Path.of(path)))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining(path)
                .hasMessageContaining("interval code");
    }

    @Test
    void aNameWithoutASymbolFailsNamingTheFile() {
        assertThatThrownBy(() -> KlineFile.of(Path.of("data/-1m-2023-11-15.csv")))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("data/-1m-2023-11-15.csv")
                .hasMessageContaining("is not a symbol");
        assertThatThrownBy(() -> KlineFile.of(Path.of("BTC.USDT-1m-2023-11-15.csv")))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("'BTC.USDT' is not a symbol");
    }

    @Test
    void onlyCsvAndZipFilesAreRead() {
        assertThatThrownBy(() -> KlineFile.of(Path.of("BTCUSDT-1m-2023-11-15.csv.gz")))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("BTCUSDT-1m-2023-11-15.csv.gz")
                .hasMessageContaining("neither a .csv nor a .zip");
    }

    @Test
    void theReplayRefusesToStartWhenAnyFileCannotBeUsedNamingIt(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("BTCUSDT-1m-2023-11-15.csv"), "");
        Path badlyNamed = Files.writeString(dir.resolve("btc-minutes.csv"), "");
        Path missing = dir.resolve("ETHUSDT-1m-2023-11-15.csv");

        assertThatThrownBy(() -> Replay.openAll(List.of(good, badlyNamed)))
                .isInstanceOf(ReplayException.class).hasMessageContaining(badlyNamed.toString());
        assertThatThrownBy(() -> Replay.openAll(List.of(good, missing)))
                .isInstanceOf(ReplayException.class).hasMessageContaining("Cannot read replay file " + missing);
        assertThatThrownBy(() -> Replay.openAll(List.of()))
                .isInstanceOf(ReplayException.class).hasMessageContaining("tradeflow.market-data.replay.files names no file");
    }
}
