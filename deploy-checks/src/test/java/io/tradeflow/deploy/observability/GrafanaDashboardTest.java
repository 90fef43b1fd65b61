package io.tradeflow.deploy.observability;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/grafana: the board parses, every panel queries the provisioned Prometheus with at least one PromQL target,
 * and the provisioning points where docker-compose.yml mounts the files.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Repo.file("deploy/grafana/dashboards/tradeflow.json");
    static final Path DATASOURCES = Repo.file("deploy/grafana/provisioning/datasources/prometheus.yml");
    static final Path PROVIDERS = Repo.file("deploy/grafana/provisioning/dashboards/tradeflow.yml");

    /** Every panel but rows (which only group the panels below them), nested rows' panels included. */
    static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : Yaml.read(DASHBOARD).path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** Every PromQL expression of the board. */
    static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        panels().forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    @Test
    void theBoardIsTradeflowWithUniquePanelIds() {
        JsonNode board = Yaml.read(DASHBOARD);

        assertThat(board.path("title").asText()).isEqualTo("Tradeflow");
        assertThat(board.path("uid").asText()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        board.path("panels").forEach(panel -> assertThat(ids.add(panel.path("id").asInt()))
                .as("panel id %s is unique", panel.path("id")).isTrue());
    }

    @Test
    void everyPanelHasTheProvisionedDatasourceAndPromQlTargets() {
        String uid = Yaml.read(DATASOURCES).path("datasources").get(0).path("uid").asText();
        assertThat(uid).as("the provisioned datasource's uid").isNotBlank();

        assertThat(panels()).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as("%s's datasource", title).isEqualTo(uid);
            assertThat(panel.path("targets")).as("%s's targets", title).isNotEmpty();
            panel.path("targets").forEach(target -> {
                assertThat(target.path("expr").asText()).as("%s's query %s", title, target.path("refId")).isNotBlank();
                assertThat(target.path("datasource").path("uid").asText()).as("%s's query datasource", title).isEqualTo(uid);
            });
        });
    }

    @Test
    void theBoardShowsWhatTheIssueAsksFor() {
        List<String> titles = panels().stream().map(panel -> panel.path("title").asText()).toList();

        assertThat(titles).contains("Klines per second", "Snapshots per second", "Signals per second",
                "Latency (99th percentile)", "Orders per minute by status", "Realized PnL per bot", "Errors per minute");
    }

    @Test
    void theProvisioningPointsAtThePrometheusAndTheFolderComposeMounts() {
        assertThat(Yaml.read(DATASOURCES).path("datasources").get(0).path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(Yaml.read(PROVIDERS).path("providers").get(0).path("options").path("path").asText())
                .isEqualTo("/etc/grafana/dashboards");
        List<String> grafanaVolumes = new ArrayList<>();
        Yaml.read(Repo.file("docker-compose.yml")).path("services").path("grafana").path("volumes")
                .forEach(volume -> grafanaVolumes.add(volume.asText()));
        assertThat(grafanaVolumes).contains("./deploy/grafana/dashboards:/etc/grafana/dashboards:ro",
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    }
}
