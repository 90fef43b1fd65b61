package io.tradeflow.deploy.observability;

import io.tradeflow.deploy.support.Repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/metrics-used.txt: each line a metric, then who exposes it (comma-separated), then an optional {@code #} note.
 * Blank lines and lines starting with {@code #} are comments.
 */
final class MetricsUsed {

    static final Path PATH = Repo.file("deploy/metrics-used.txt");

    private MetricsUsed() {
    }

    /** Exposers by metric name, in file order. */
    static Map<String, List<String>> read() {
        Map<String, List<String>> metrics = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + PATH, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int note = line.indexOf('#');
            String content = (note < 0 ? line : line.substring(0, note)).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            if (fields.length != 2) {
                throw new IllegalStateException(PATH + " line " + (i + 1) + ": expected '<metric> <exposer>[,<exposer>...]"
                        + " [# note]', got: " + line);
            }
            if (metrics.put(fields[0], List.of(fields[1].split(","))) != null) {
                throw new IllegalStateException(PATH + " line " + (i + 1) + ": " + fields[0] + " is listed twice");
            }
        }
        return metrics;
    }
}
