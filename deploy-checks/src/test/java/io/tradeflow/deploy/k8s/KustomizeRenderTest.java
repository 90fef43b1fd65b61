package io.tradeflow.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kubectl kustomize} renders the base and each overlay, with every part the platform needs. */
class KustomizeRenderTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.BASE, Repository.DEV, Repository.PROD})
    void rendersEveryServiceAndKafka(String dir) {
        Rendered rendered = Rendered.of(dir);
        for (String service : Repository.SERVICES) {
            for (String kind : new String[] {"Deployment", "Service", "PodDisruptionBudget"}) {
                assertThat(rendered.find(kind, service)).as(dir + ": " + kind + "/" + service).isPresent();
            }
            assertThat(rendered.ofKind("ConfigMap")).as(dir + ": the ConfigMap of " + service)
                    .anyMatch(c -> Rendered.name(c).startsWith(service + "-config"));
        }
        assertThat(rendered.ofKind("Kafka")).as(dir + ": the Kafka cluster").hasSize(1);
        assertThat(rendered.ofKind("KafkaNodePool")).as(dir + ": its node pool").isNotEmpty();
        assertThat(rendered.ofKind("Ingress")).as(dir + ": the gateway's Ingress").hasSize(1);
        Set<String> ids = new HashSet<>();
        for (ObjectNode document : rendered.documents()) {
            assertThat(ids.add(Rendered.id(document))).as(dir + ": " + Rendered.id(document) + " twice").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void overlaysPutEverythingInOneNamespaceAndBringPostgresAndRedis(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (ObjectNode document : rendered.documents()) {
            if (!document.path("kind").asText().equals("Namespace")) {
                assertThat(document.path("metadata").path("namespace").asText())
                        .as(overlay + ": namespace of " + Rendered.id(document)).isEqualTo("tradeflow");
            }
        }
        boolean dev = overlay.equals(Repository.DEV);
        for (String store : new String[] {"postgres", "redis"}) {
            assertThat(rendered.find("Service", store)).as(overlay + ": Service/" + store).isPresent();
            assertThat(rendered.find("StatefulSet", store).isPresent())
                    .as(overlay + ": StatefulSet/" + store + " (dev runs it, prod uses an external one)").isEqualTo(dev);
            if (!dev) {
                assertThat(rendered.get("Service", store).path("spec").path("type").asText())
                        .as("prod: " + store + " is external").isEqualTo("ExternalName");
            }
        }
    }
}
