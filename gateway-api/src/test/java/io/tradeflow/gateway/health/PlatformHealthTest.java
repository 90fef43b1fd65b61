package io.tradeflow.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.gateway.FakeService;
import io.tradeflow.gateway.Http;
import io.tradeflow.gateway.config.ServicesConfig;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/health} with every service at a port nothing listens on (503 naming each), then with fakes
 * answering their readiness (200, then 503 naming the one that says DOWN); and a query to a dead service.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(PlatformHealthTest.DeadServices.class)
class PlatformHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("execution-service", "indicator-service",
            "market-data-service", "position-service", "signal-service");
    private static final String UP = "{\"status\":\"UP\",\"checks\":[{\"name\":\"kafka\",\"status\":\"UP\"}]}";
    private static final String DOWN = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"kafka\",\"status\":\"UP\"},"
            + "{\"name\":\"execution\",\"status\":\"DOWN\",\"data\":{\"waiting-for-watermark\":3}}]}";

    /** Each service at a port of its own that nothing listens on. */
    public static class DeadServices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            SERVICES.forEach(name -> config.put("tradeflow.gateway.services." + name + ".url",
                    "http://127.0.0.1:" + FakeService.freePort()));
            return config;
        }
    }

    @TestHTTPResource("/")
    URL base;
    @Inject
    ServicesConfig services;

    @Test
    void everyServiceIsAskedAndWhatIsDownIsNamed() throws Exception {
        var nothing = Http.send(base, "GET", "/api/v1/health", null, Map.of());
        assertThat(nothing.statusCode()).as("no credentials needed: " + nothing.body()).isEqualTo(503);
        assertThat(nothing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(nothing.body());
        for (String name : SERVICES) {
            assertThat(body.get("detail").asText()).contains(name + " (unreachable at " + url(name)
                    + ": connection refused; is it running?)");
            assertThat(body.get("services").get(name).get("status").asText()).isEqualTo("DOWN");
        }

        List<FakeService> fakes = new ArrayList<>();
        try {
            for (String name : SERVICES) {
                fakes.add(FakeService.start(FakeService.portOf(url(name)))
                        .answer("GET", "/q/health/ready", 200, "application/json", UP));
            }
            var up = Http.send(base, "GET", "/api/v1/health", null, Map.of());
            assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
            assertThat(JSON.readTree(up.body())).isEqualTo(JSON.readTree("""
                    {"status":"UP","services":{"execution-service":{"status":"UP"},"indicator-service":{"status":"UP"},
                     "market-data-service":{"status":"UP"},"position-service":{"status":"UP"},
                     "signal-service":{"status":"UP"}}}"""));

            fakes.getFirst().answer("GET", "/q/health/ready", 503, "application/json", DOWN);
            var one = Http.send(base, "GET", "/api/v1/health", null, Map.of());
            assertThat(one.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(one.body()).get("detail").asText())
                    .isEqualTo("DOWN: execution-service (its readiness is DOWN: execution)");
            assertThat(JSON.readTree(one.body()).get("services").get("position-service").get("status").asText())
                    .isEqualTo("UP");
        } finally {
            fakes.forEach(FakeService::close);
        }
    }

    @Test
    @TestSecurity(user = "test", roles = "viewer")
    void aQueryToAServiceThatIsNotRunningIsA503NamingIt() throws Exception {
        var answer = Http.send(base, "GET", "/api/v1/positions", null, Map.of());
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(answer.body()).get("detail").asText()).isEqualTo("position-service is unavailable at "
                + url("position-service") + ": connection refused; is it running?");
    }

    @Test
    void theGatewaysOwnReadinessDoesNotDependOnTheServices() {
        assertThat(Http.send(base, "GET", "/q/health/ready", null, Map.of()).statusCode()).isEqualTo(200);
    }

    private String url(String name) {
        return ServicesConfig.urlOf(services, name).toString();
    }
}
