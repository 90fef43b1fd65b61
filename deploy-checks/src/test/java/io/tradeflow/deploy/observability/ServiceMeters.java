package io.tradeflow.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus names of the Micrometer meters a service registers, from its Java sources: every
 * {@code registry.counter("tradeflow...")}, {@code Counter.builder("tradeflow...")}, {@code Gauge.builder(...)},
 * {@code registry.gauge(...)}, {@code Timer.builder(...)}, {@code FunctionCounter.builder(...)} and the services' own
 * {@code counter("tradeflow...", ...)} helpers, named as Micrometer's Prometheus registry names them: dots to
 * underscores, counters with {@code _total}, timers in seconds with {@code _seconds_count}, {@code _sum}, {@code _max},
 * {@code _bucket} (and {@code _seconds} for client-side percentiles).
 */
final class ServiceMeters {

    private static final Pattern METER = Pattern.compile("([A-Za-z_.]+)\\(\\s*\"(tradeflow\\.[a-z0-9.]+)\"");

    private ServiceMeters() {
    }

    static Set<String> prometheusNames(Path serviceDir) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(serviceDir.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher meter = METER.matcher(Files.readString(file));
                while (meter.find()) {
                    names.addAll(names(meter.group(1).toLowerCase(Locale.ROOT), meter.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the sources of " + serviceDir, e);
        }
        return names;
    }

    private static List<String> names(String call, String meterName) {
        String base = meterName.replace('.', '_');
        if (call.contains("gauge")) {
            return List.of(base);
        }
        if (call.contains("timer")) {
            return List.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_max", base + "_seconds_bucket",
                    base + "_seconds");
        }
        if (call.contains("counter")) {
            return List.of(base + "_total");
        }
        return List.of(); // some other call that takes such a string (a log line, a config prefix): no meter
    }
}
