package io.tradeflow.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metrics the deploy files query ({@code deploy/metrics-used.txt}: the Prometheus alert rules and the Grafana
 * board) against what the services of a running platform expose on {@code /q/metrics}. deploy-checks proves each
 * Tradeflow meter is registered in its service's code; this proves the names as Prometheus sees them, framework
 * meters (Kafka consumer lag, HTTP) included.
 */
final class DeployMetrics {
    /** bin/tradeflow's ports. */
    private static final Map<String, Integer> PORTS = Map.of("gateway-api", 8080, "market-data-service", 8081,
            "indicator-service", 8082, "signal-service", 8083, "execution-service", 8084, "position-service", 8085);
    /**
     * Meters created at an event a paper replay of a recorded day does not give: live Binance klines, failures,
     * TESTNET/LIVE orders. Each is still checked by name in its service's code (deploy-checks' MetricsUsedTest).
     */
    static final Set<String> NOT_IN_A_PAPER_REPLAY = Set.of(
            "tradeflow_klines_publish_delay_seconds_bucket", "tradeflow_klines_publish_failures_total",
            "tradeflow_redis_errors_total", "tradeflow_websocket_reconnects_total", "tradeflow_indicators_retries_total",
            "tradeflow_strategy_errors_total", "tradeflow_binance_errors_total", "tradeflow_orders_denied_total",
            "tradeflow_binance_user_stream_connected", "tradeflow_binance_reconciliation_differences_total");

    /** One line of metrics-used.txt: a metric and the services said to expose it. */
    record Used(String metric, List<String> services) {
    }

    private DeployMetrics() {
    }

    /** The lines of {@code deploy/metrics-used.txt} exposed by Tradeflow's services (not Prometheus' own). */
    static List<Used> used(Path repository) throws IOException {
        List<Used> used = new ArrayList<>();
        for (String line : Files.readAllLines(repository.resolve("deploy/metrics-used.txt"))) {
            String content = line.contains("#") ? line.substring(0, line.indexOf('#')).trim() : line.trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] columns = content.split("\\s+");
            List<String> services = Arrays.stream(columns[1].split(",")).filter(PORTS::containsKey).toList();
            if (!services.isEmpty()) {
                used.add(new Used(columns[0], services));
            }
        }
        return used;
    }

    /**
     * What each listed metric lacks: "{metric} not on {service}" for every service said to expose it whose
     * {@code /q/metrics} has no series of that name; metrics of {@link #NOT_IN_A_PAPER_REPLAY} are left out.
     */
    static List<String> missing(List<Used> used) throws IOException, InterruptedException {
        Map<String, String> scraped = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (Used metric : used) {
                if (NOT_IN_A_PAPER_REPLAY.contains(metric.metric())) {
                    continue;
                }
                for (String service : metric.services()) {
                    String body = scraped.get(service);
                    if (body == null) {
                        body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(service)
                                + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        scraped.put(service, body);
                    }
                    if (body.lines().noneMatch(l -> l.startsWith(metric.metric() + "{")
                            || l.startsWith(metric.metric() + " "))) {
                        missing.add(metric.metric() + " not on " + service);
                    }
                }
            }
        }
        return missing;
    }
}
