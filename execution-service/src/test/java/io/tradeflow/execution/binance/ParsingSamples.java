package io.tradeflow.execution.binance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Binance payload samples of src/test/resources/binance (provenance in that folder's README.md). */
final class ParsingSamples {

    private ParsingSamples() {
    }

    static String read(String file) {
        String resource = "binance/" + file;
        try (InputStream in = ParsingSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
