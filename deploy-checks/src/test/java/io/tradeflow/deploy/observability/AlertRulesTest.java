package io.tradeflow.deploy.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.deploy.support.Repo;
import io.tradeflow.deploy.support.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules fire when they should and stay quiet when they should not: {@code promtool test rules} runs
 * alerts-test.yml (series in, alerts out) on deploy/prometheus/alerts.yml, its annotations left out so that the
 * tests pin the expressions and labels, not the wording.
 */
class AlertRulesTest {

    @TempDir
    Path temp;

    @Test
    void theRulesPassTheirUnitTests() throws IOException {
        Path promtool = Tools.require("promtool", "prometheus");
        JsonNode rules = Yaml.read(PrometheusConfigTest.ALERTS);
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> ((ObjectNode) rule).remove("annotations")));
        Yaml.YAML.writeValue(temp.resolve("alerts.yml").toFile(), rules);
        try (InputStream tests = getClass().getResourceAsStream("alerts-test.yml")) {
            Files.copy(tests, temp.resolve("alerts-test.yml"));
        }

        Tools.Result result = Tools.run(temp, List.of(promtool.toString(), "test", "rules", "alerts-test.yml"));

        assertThat(result.succeeded()).as("promtool test rules (alerts-test.yml on %s):%n%s",
                Repo.root().relativize(PrometheusConfigTest.ALERTS), result.output()).isTrue();
    }
}
