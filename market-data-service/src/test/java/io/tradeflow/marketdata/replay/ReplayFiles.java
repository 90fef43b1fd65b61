package io.tradeflow.marketdata.replay;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The replay tests' own recorded files, in this module's {@code src/test/resources/klines/} (see the README there).
 * The recorded day is trading-core's ({@code RecordedDay.file()}), the example files of issue 15 kline-files'
 * ({@code KlineTestFiles.example(name)}).
 */
final class ReplayFiles {
    private ReplayFiles() {
    }

    static Path resource(String name) {
        try {
            return Path.of(ReplayFiles.class.getResource("/klines/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
