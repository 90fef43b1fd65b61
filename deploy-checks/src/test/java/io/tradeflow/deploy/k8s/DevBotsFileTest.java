package io.tradeflow.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The dev overlay's bots file (deploy/k8s/overlays/dev/bots.yaml: kustomize reads no file outside its folder) holds
 * the demo bot of config/demo-bots.yaml, field for field, and reaches gateway-api where its variable says.
 */
class DevBotsFileTest {

    @Test
    void theDevBotsAreTheDemoBots() throws Exception {
        JsonNode demo = Rendered.YAML.readTree(Repository.read("config/demo-bots.yaml"));
        JsonNode dev = Rendered.YAML.readTree(Repository.read(Repository.DEV + "/bots.yaml"));
        assertThat(dev.path("bots")).as(Repository.DEV + "/bots.yaml against config/demo-bots.yaml")
                .isEqualTo(demo.path("bots"));
    }

    @Test
    void gatewayApiReadsItFromTheMountedConfigMap() throws Exception {
        Rendered dev = Rendered.of(Repository.DEV);
        String file = EnvironmentKeysTest.value(dev, "gateway-api", "TRADEFLOW_GATEWAY_BOTS_FILE")
                .orElseThrow(() -> new AssertionError("dev: gateway-api gets no TRADEFLOW_GATEWAY_BOTS_FILE"));
        JsonNode pod = dev.get("Deployment", "gateway-api").path("spec").path("template").path("spec");
        JsonNode mount = null;
        JsonNode container = WorkloadsTest.container(dev.get("Deployment", "gateway-api"), "gateway-api");
        for (JsonNode candidate : container.path("volumeMounts")) {
            if (file.startsWith(candidate.path("mountPath").asText() + "/")) {
                mount = candidate;
            }
        }
        assertThat(mount).as("dev: a volume mounted above " + file).isNotNull();
        assertThat(mount.has("subPath")).as("dev: a subPath mount never sees the ConfigMap change").isFalse();
        String volumeName = mount.path("name").asText();
        String configMap = null;
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(volumeName)) {
                configMap = volume.path("configMap").path("name").asText();
            }
        }
        String fileName = file.substring(file.lastIndexOf('/') + 1);
        JsonNode bots = Rendered.YAML.readTree(dev.get("ConfigMap", configMap).path("data").path(fileName).asText());
        assertThat(bots.path("bots")).as("dev: the mounted " + fileName)
                .isEqualTo(Rendered.YAML.readTree(Repository.read("config/demo-bots.yaml")).path("bots"));
    }
}
