package io.tradeflow.deploy.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.deploy.config.ServiceConfigKeys;
import io.tradeflow.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable docker-compose.yml sets on a Tradeflow service is one of that service's configuration
 * keys (see {@link ServiceConfigKeys}): a typo, or a key of another service, would be ignored by the service without
 * a word, and the setting silently lost.
 */
class ComposeEnvironmentTest {

    /**
     * Framework keys the services do not set in application.properties but a deployment may: none is needed by
     * docker-compose.yml today. Add a key here only with where it is documented.
     */
    private static final Map<String, List<String>> DOCUMENTED_KEYS = Map.of(
            // docs/configuration.md and gateway-api's application.properties: the identity provider's public key
            "gateway-api", List.of("mp.jwt.verify.publickey.location"));

    @Test
    void everyVariableSetOnAServiceIsAConfigurationKeyOfThatService() {
        ComposeFile compose = ComposeFile.read();
        List<String> unknown = new ArrayList<>();
        for (String service : Repo.SERVICES) {
            ServiceConfigKeys keys = ServiceConfigKeys.of(Repo.service(service))
                    .withDocumentedKeys(DOCUMENTED_KEYS.getOrDefault(service, List.of()));
            for (String variable : ComposeFile.environment(compose.service(service)).keySet()) {
                if (!keys.accepts(variable)) {
                    unknown.add(service + ": " + variable + " is none of its configuration keys; the nearest are "
                            + keys.closest(variable, 3));
                }
            }
        }
        assertThat(unknown).as("environment variables of docker-compose.yml that no service reads").isEmpty();
    }

    @Test
    void theSixServicesAreBuiltFromTheirFoldersWithTheirJvmDockerfile() {
        ComposeFile compose = ComposeFile.read();
        for (String service : Repo.SERVICES) {
            JsonNode definition = compose.service(service);
            assertThat(ComposeFile.buildContext(definition)).as("%s's build context", service).hasValue("./" + service);
            assertThat(definition.path("build").path("dockerfile").asText())
                    .as("%s's Dockerfile", service).isEqualTo("src/main/docker/Dockerfile.jvm");
        }
        assertThat(compose.services().values().stream().filter(s -> ComposeFile.buildContext(s).isPresent()).count())
                .as("services built from source").isEqualTo(Repo.SERVICES.size());
    }

    @Test
    void theServicesStartOnlyOnceWhatTheyNeedIsReady() {
        ComposeFile compose = ComposeFile.read();
        // a service waits for the topics (made once Kafka is healthy) and for healthy stores
        for (String service : List.of("position-service", "execution-service", "signal-service", "indicator-service")) {
            JsonNode dependsOn = compose.service(service).path("depends_on");
            assertThat(dependsOn.path("kafka-topics").path("condition").asText()).as(service)
                    .isEqualTo("service_completed_successfully");
            dependsOn.properties().forEach(dependency -> assertThat(dependency.getValue().path("condition").asText())
                    .as("%s waits for %s", service, dependency.getKey())
                    .isIn("service_healthy", "service_completed_successfully"));
        }
        // as in bin/tradeflow: the gateway after the four stages, market data after the bots are followed
        assertThat(compose.service("gateway-api").path("depends_on").properties())
                .extracting(Map.Entry::getKey)
                .contains("position-service", "execution-service", "signal-service", "indicator-service");
        assertThat(compose.service("market-data-service").path("depends_on").path("await-demo-bots")
                .path("condition").asText()).isEqualTo("service_completed_successfully");
    }
}
