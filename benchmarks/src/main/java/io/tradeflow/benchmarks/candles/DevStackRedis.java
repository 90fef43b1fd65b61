package io.tradeflow.benchmarks.candles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A devstack of the benchmark's own, for its Redis: {@code bin/devstack --ephemeral}, the same process a test JVM
 * starts (free ports, a throwaway folder; it prints one {@code DEVSTACK-READY key=value;...} line and stops when
 * its standard input closes, so it also goes when this JVM is killed). Kafka and PostgreSQL start with it and stay
 * idle.
 */
final class DevStackRedis implements AutoCloseable {
    private static final String READY_PREFIX = "DEVSTACK-READY ";
    private static final long START_TIMEOUT_SECONDS = 300;

    private final Process process;
    final String host;
    final int port;

    private DevStackRedis(Process process, String host, int port) {
        this.process = process;
        this.host = host;
        this.port = port;
    }

    /** Starts {@code bin/devstack --ephemeral} (relative to the working folder) and waits until it is up. */
    static DevStackRedis start() {
        Path script = Path.of("bin", "devstack");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("bin/devstack is not here: run from the repository's root, or pass --redis HOST:PORT");
        }
        try {
            Path log = Files.createTempFile("candle-writer-devstack-", ".log");
            Process process = new ProcessBuilder(script.toString(), "--ephemeral")
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException ready) {
                    // up in time
                }
            });
            try {
                var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith(READY_PREFIX)) {
                        drain(process.getInputStream());
                        Properties ready = readyLine(line);
                        return new DevStackRedis(process, ready.getProperty("redisHost"),
                                Integer.parseInt(ready.getProperty("redisPort")));
                    }
                    System.out.println("[devstack] " + line);
                }
            } finally {
                watchdog.interrupt();
            }
            throw new IllegalStateException("The devstack ended before it was up; its error output: " + log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start bin/devstack: " + e.getMessage(), e);
        }
    }

    private static Properties readyLine(String line) {
        Properties values = new Properties();
        for (String pair : line.substring(READY_PREFIX.length()).split(";")) {
            int eq = pair.indexOf('=');
            values.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    private static void drain(InputStream output) {
        Thread.ofVirtual().start(() -> {
            try {
                output.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ended) {
                // the devstack stopped
            }
        });
    }

    /** Closes its standard input, which stops it; waits for it to go. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
