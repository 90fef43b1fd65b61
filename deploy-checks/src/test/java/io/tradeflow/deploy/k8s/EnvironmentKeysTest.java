package io.tradeflow.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.deploy.config.ServiceConfigKeys;
import io.tradeflow.deploy.support.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every environment variable the manifests give a service (its env entries and the ConfigMaps it reads whole) sets a
 * configuration key of that service: a misspelt or stale variable is otherwise ignored without a word, and the
 * service runs on its default.
 */
class EnvironmentKeysTest {

    /**
     * Variables for the image, not the service: read by the launcher of Quarkus' ubi9 OpenJDK runtime image
     * (run-java.sh) before the JVM starts.
     */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO");

    private static final Map<String, ServiceConfigKeys> KEYS = new ConcurrentHashMap<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void everyVariableSetsAKeyOfItsService(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<String> unknown = new ArrayList<>();
        for (String service : Repository.SERVICES) {
            ServiceConfigKeys keys = keys(service);
            variables(rendered, service).forEach((variable, from) -> {
                if (!IMAGE_VARIABLES.contains(variable) && !keys.accepts(variable)) {
                    unknown.add(service + ": " + variable + " (" + from + ") is no configuration key of " + service
                            + "; the nearest: " + keys.closest(variable, 3));
                }
            });
        }
        assertThat(unknown).as(overlay + ": variables no service reads").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Repository.DEV, Repository.PROD})
    void everyServiceIsToldWhereItsServersAre(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String service : Repository.SERVICES) {
            Map<String, String> variables = variables(rendered, service);
            Set<String> keys = keys(service).keys();
            for (String key : List.of("kafka.bootstrap.servers", "quarkus.redis.hosts", "quarkus.datasource.jdbc.url",
                    "quarkus.datasource.username", "quarkus.datasource.password")) {
                if (keys.contains(key)) {
                    assertThat(variables).as(overlay + " " + service + " reads " + key + ": its default (the devstack on "
                            + "127.0.0.1) is wrong in a cluster").containsKey(ServiceConfigKeys.environmentName(key));
                }
            }
        }
    }

    // --- The key collection on the cases these manifests depend on (its own test: config.ServiceConfigKeysTest)

    @Test
    void theVariablesTheManifestsRelyOnAreKeysAndTheirNeighboursAreNot() {
        assertThat(keys("execution-service").keyOf("TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_API_KEY"))
                .contains("tradeflow.execution.binance-accounts.testnet.api-key");
        assertThat(keys("execution-service").accepts("QUARKUS_REDIS_HOSTS")).as("execution-service uses no Redis").isFalse();
        assertThat(keys("gateway-api").keyOf("TRADEFLOW_GATEWAY_SERVICES_POSITION_SERVICE_URL"))
                .contains("tradeflow.gateway.services.position-service.url");
        assertThat(keys("gateway-api").keyOf("TRADEFLOW_GATEWAY_BOTS_FILE")).contains("tradeflow.gateway.bots-file");
        assertThat(keys("market-data-service").accepts("TRADEFLOW_MARKET_DATA_SOURCES")).isFalse();
        assertThat(keys("indicator-service").accepts("QUARKUS_DATASOURCE_JDBC_URL"))
                .as("indicator-service uses no PostgreSQL").isFalse();
    }

    // --- helpers

    static ServiceConfigKeys keys(String service) {
        return KEYS.computeIfAbsent(service, name -> ServiceConfigKeys.of(Repo.service(name)));
    }

    /** Each variable the service's container gets, with where it comes from. */
    static Map<String, String> variables(Rendered rendered, String service) {
        ObjectNode deployment = rendered.get("Deployment", service);
        JsonNode container = WorkloadsTest.container(deployment, service);
        Map<String, String> variables = new TreeMap<>();
        for (JsonNode env : container.path("env")) {
            variables.put(env.path("name").asText(), "env of Deployment/" + service);
        }
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText();
            if (!configMap.isEmpty()) {
                String prefix = source.path("prefix").asText("");
                rendered.get("ConfigMap", configMap).path("data").fieldNames()
                        .forEachRemaining(name -> variables.put(prefix + name, "ConfigMap/" + configMap));
            }
            if (source.has("secretRef")) {
                variables.put("(every key of Secret/" + source.path("secretRef").path("name").asText() + ")",
                        "envFrom: its keys cannot be checked offline; use env with secretKeyRef");
            }
        }
        return variables;
    }

    /** The value the service's container gets for {@code variable} (a literal env value or a ConfigMap's), if any. */
    static Optional<String> value(Rendered rendered, String service, String variable) {
        JsonNode container = WorkloadsTest.container(rendered.get("Deployment", service), service);
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable) && env.has("value")) {
                return Optional.of(env.path("value").asText());
            }
        }
        for (JsonNode source : container.path("envFrom")) {
            var configMap = rendered.find("ConfigMap", source.path("configMapRef").path("name").asText());
            if (configMap.isPresent() && configMap.get().path("data").has(variable)) {
                return Optional.of(configMap.get().path("data").path(variable).asText());
            }
        }
        return Optional.empty();
    }
}
