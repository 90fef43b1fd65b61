package io.tradeflow.deploy.observability;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.deploy.support.Repo;
import io.tradeflow.deploy.support.Tools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/prometheus: promtool accepts the configuration and the rules; every service is scraped and probed. */
class PrometheusConfigTest {

    static final Path CONFIG = Repo.file("deploy/prometheus/prometheus.yml");
    static final Path ALERTS = Repo.file("deploy/prometheus/alerts.yml");

    @Test
    void promtoolAcceptsTheConfiguration() {
        Path promtool = Tools.require("promtool", "prometheus");

        Tools.Result result = Tools.run(Repo.root(), List.of(promtool.toString(), "check", "config", CONFIG.toString()));

        assertThat(result.succeeded()).as("promtool check config:%n%s", result.output()).isTrue();
    }

    @Test
    void promtoolAcceptsTheRules() {
        Path promtool = Tools.require("promtool", "prometheus");

        Tools.Result result = Tools.run(Repo.root(), List.of(promtool.toString(), "check", "rules", ALERTS.toString()));

        assertThat(result.succeeded()).as("promtool check rules:%n%s", result.output()).isTrue();
    }

    @Test
    void everyServiceIsScrapedAtQMetricsAndProbedAtItsReadiness() throws IOException {
        JsonNode jobs = Yaml.read(CONFIG).path("scrape_configs");
        JsonNode scrape = job(jobs, "tradeflow");
        JsonNode probe = job(jobs, "tradeflow-readiness");

        assertThat(scrape.path("metrics_path").asText()).isEqualTo("/q/metrics");
        for (String service : Repo.SERVICES) {
            String address = service + ":" + httpPort(service);
            assertThat(targets(scrape)).as("scrape targets").contains(address);
            assertThat(targets(probe)).as("readiness probes").contains("http://" + address + "/q/health/ready");
        }
    }

    @Test
    void theAlertsTheIssueAsksForAreThereWithASeverityAndAnExplanation() {
        Map<String, JsonNode> alerts = new TreeMap<>();
        Yaml.rules(ALERTS).forEach(rule -> alerts.put(rule.path("alert").asText(), rule));

        assertThat(alerts).containsKeys("TradeflowServiceDown", "TradeflowServiceNotReady", "TradeflowConsumerLagGrowing",
                "TradeflowNoKline", "TradeflowKillSwitchTripped", "TradeflowOrdersRejected", "TradeflowBinanceErrors",
                "TradeflowBinanceUserStreamDown", "TradeflowReconciliationDifferences");
        alerts.forEach((name, rule) -> {
            assertThat(rule.path("labels").path("severity").asText()).as("%s's severity", name).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).as("%s's summary", name).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as("%s's description", name).isNotBlank();
        });
        // the lag metric comes from the Kafka client, not from Tradeflow's code: the rule says which it is
        assertThat(alerts.get("TradeflowConsumerLagGrowing").path("annotations").path("metric").asText())
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    private static JsonNode job(JsonNode jobs, String name) {
        return StreamSupport.stream(jobs.spliterator(), false)
                .filter(job -> job.path("job_name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(CONFIG + " has no job " + name));
    }

    private static List<String> targets(JsonNode job) {
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(group -> group.path("targets").forEach(target -> targets.add(target.asText())));
        return targets;
    }

    private static String httpPort(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Repo.service(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties.getProperty("quarkus.http.port");
    }
}
