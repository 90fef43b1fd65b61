package io.tradeflow.deploy.observability;

import io.tradeflow.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the alert rules and the board query is listed in deploy/metrics-used.txt, and every listed metric is
 * one its exposer really has: a tradeflow_ meter registered under that name in the named service's code, or one of
 * the few framework metrics below, each with the rule that makes it exist.
 */
class MetricsUsedTest {

    @Test
    void everyMetricTheRulesAndTheBoardQueryIsListed() throws IOException {
        Set<String> queried = new TreeSet<>();
        Yaml.rules(PrometheusConfigTest.ALERTS).forEach(rule -> queried.addAll(PromQl.metricNames(rule.path("expr").asText())));
        GrafanaDashboardTest.expressions().forEach(expression -> queried.addAll(PromQl.metricNames(expression)));
        // await-demo-bots in docker-compose.yml reads a metric too
        Matcher composeMetric = Pattern.compile("\\btradeflow_[a-z0-9_]+").matcher(Files.readString(Repo.file("docker-compose.yml")));
        while (composeMetric.find()) {
            queried.add(composeMetric.group());
        }

        assertThat(queried).as("metrics queried").isNotEmpty();
        assertThat(MetricsUsed.read().keySet()).as("metrics listed in %s", MetricsUsed.PATH).containsAll(queried);
    }

    @Test
    void everyListedMetricIsExposedByWhoTheListNames() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : MetricsUsed.read().entrySet()) {
            String metric = entry.getKey();
            for (String exposer : entry.getValue()) {
                String problem = check(metric, exposer);
                if (problem != null) {
                    wrong.add(metric + " (" + exposer + "): " + problem);
                }
            }
        }
        assertThat(wrong).as("entries of %s", MetricsUsed.PATH).isEmpty();
    }

    /** Why this exposer does not have the metric, or null when it does. */
    private static String check(String metric, String exposer) throws IOException {
        if (metric.equals("up")) {
            return exposer.equals("prometheus") ? null : "up is Prometheus' own, for every target";
        }
        if (metric.equals("probe_success")) {
            return exposer.equals("blackbox-exporter") ? null : "probe_success is blackbox-exporter's";
        }
        if (!Repo.SERVICES.contains(exposer)) {
            return "not a Tradeflow service (" + Repo.SERVICES + ")";
        }
        String properties = Files.readString(Repo.service(exposer).resolve("src/main/resources/application.properties"));
        String pom = Files.readString(Repo.service(exposer).resolve("pom.xml"));
        if (!pom.contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>")) {
            return "the service has no Prometheus registry (quarkus-micrometer-registry-prometheus)";
        }
        if (metric.startsWith("tradeflow_")) {
            return ServiceMeters.prometheusNames(Repo.service(exposer)).contains(metric) ? null
                    : "no meter of the service's code is named so (its meters: "
                    + ServiceMeters.prometheusNames(Repo.service(exposer)) + ")";
        }
        if (metric.startsWith("kafka_consumer_")) {
            // Quarkus' Micrometer Kafka binder binds KafkaClientMetrics to each consumer SmallRye creates for a channel,
            // and KafkaStreamsMetrics (every client of it, its consumers too) to a quarkus-kafka-streams application
            return Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[^.]+\\.connector=smallrye-kafka$").matcher(properties).find()
                    || pom.contains("<artifactId>quarkus-kafka-streams</artifactId>")
                    ? null : "the service has no incoming Kafka channel nor Kafka Streams, so no consumer metrics";
        }
        if (metric.startsWith("http_server_requests_seconds")) {
            // Quarkus' Micrometer HTTP server binder, for the service's REST endpoints (the /q/ ones are not counted)
            return pom.contains("<artifactId>quarkus-rest") ? null : "the service has no REST endpoints";
        }
        return "no rule says who exposes it: a tradeflow_ meter, a Kafka client metric, an HTTP server metric, up or "
                + "probe_success (add a rule here, with the reason the metric exists)";
    }
}
