package io.tradeflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.tradeflow.core.event.Topics;
import io.tradeflow.service.messaging.TopicTail;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.gateway.GatewayFixture;
import io.tradeflow.gateway.Http;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** API keys, JWTs, roles, 401/403 problems, closed CORS, and secrets that never leak (devstack). */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayFixture.class, restrictToAnnotatedClass = false)
class AuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String bot(String botId) {
        return """
                {"botId": "%s", "symbol": "BTCUSDT", "interval": "1m",
                 "strategy": {"type": "sma-crossover", "params": {"fast": "5", "slow": "20"}},
                 "risk": {"marginPerTrade": "100", "leverage": 10}}""".formatted(botId);
    }

    @Test
    void withoutCredentialsTheApiAnswers401AsAProblem() throws Exception {
        for (String[] call : new String[][] {{"GET", "/api/v1/bots"}, {"POST", "/api/v1/bots"},
                {"GET", "/api/v1/keys"}, {"GET", "/api/v1/strategies"}}) {
            HttpResponse<String> response = Http.send(base, call[0], call[1], call[0].equals("POST") ? bot("x") : null,
                    Map.of());
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        assertProblem(Http.send(base, "GET", "/api/v1/bots", null, Map.of("X-API-Key", "tf_not-a-key-at-all-xxxxxxxxxxxxxxxxxxxx")), 401);
        assertProblem(Http.send(base, "GET", "/api/v1/bots", null, Map.of("Authorization", "Bearer nonsense")), 401);
    }

    @Test
    void aViewerReadsATraderChangesAnAdminManagesKeys() throws Exception {
        String viewer = newKey("viewer");
        String trader = newKey("trader");
        assertThat(Http.send(base, "GET", "/api/v1/bots", null, key(viewer)).statusCode()).isEqualTo(200);
        assertProblem(Http.send(base, "POST", "/api/v1/bots", bot("auth-viewer"), key(viewer)), 403);
        assertThat(Http.send(base, "POST", "/api/v1/bots", bot("auth-trader"), key(trader)).statusCode())
                .isEqualTo(201);
        assertProblem(Http.send(base, "GET", "/api/v1/keys", null, key(trader)), 403);
        assertProblem(Http.send(base, "POST", "/api/v1/keys", "{\"name\":\"x\",\"role\":\"admin\"}", key(trader)), 403);

        HttpResponse<String> keys = Http.send(base, "GET", "/api/v1/keys", null, key(GatewayFixture.ADMIN_KEY));
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).as("a key is shown once, at creation").doesNotContain(viewer, trader)
                .doesNotContain(ApiKeys.hash(viewer));
        assertThat(JSON.readTree(keys.body()).findValuesAsText("role")).contains("admin", "trader", "viewer");
    }

    @Test
    void aRevokedKeyAuthenticatesNobody() throws Exception {
        HttpResponse<String> created = Http.send(base, "POST", "/api/v1/keys", "{\"name\":\"short-lived\"}",
                key(GatewayFixture.ADMIN_KEY));
        JsonNode body = JSON.readTree(created.body());
        String secret = body.get("key").asText();
        assertThat(body.get("info").get("role").asText()).as("viewer by default").isEqualTo("viewer");
        assertThat(Http.send(base, "GET", "/api/v1/bots", null, key(secret)).statusCode()).isEqualTo(200);
        assertThat(Http.send(base, "DELETE", "/api/v1/keys/" + body.get("info").get("keyId").asText(), null,
                key(GatewayFixture.ADMIN_KEY)).statusCode()).isEqualTo(204);
        assertProblem(Http.send(base, "GET", "/api/v1/bots", null, key(secret)), 401);
        assertProblem(Http.send(base, "POST", "/api/v1/keys", "{\"name\":\"x\",\"role\":\"root\"}",
                key(GatewayFixture.ADMIN_KEY)), 400);
    }

    @Test
    void aJwtBearerTokenCarriesItsRolesInGroups() throws Exception {
        String trader = Jwt.issuer("tradeflow").subject("alice").groups("trader").expiresIn(300)
                .sign();
        String viewer = Jwt.issuer("tradeflow").subject("bob").groups("viewer").expiresIn(300)
                .sign();
        assertThat(Http.send(base, "POST", "/api/v1/bots", bot("auth-jwt"), bearer(trader)).statusCode())
                .isEqualTo(201);
        assertProblem(Http.send(base, "POST", "/api/v1/bots", bot("auth-jwt-2"), bearer(viewer)), 403);

        var other = KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);
        String forged = Jwt.issuer("tradeflow").subject("mallory").groups("admin").expiresIn(300)
                .sign(other.generateKeyPair().getPrivate());
        assertProblem(Http.send(base, "GET", "/api/v1/bots", null, bearer(forged)), 401);
        String expired = Jwt.issuer("tradeflow").subject("alice").groups("trader")
                .issuedAt(System.currentTimeMillis() / 1000 - 7200).expiresAt(System.currentTimeMillis() / 1000 - 3600)
                .sign();
        assertProblem(Http.send(base, "GET", "/api/v1/bots", null, bearer(expired)), 401);
        String otherIssuer = Jwt.issuer("someone-else").subject("alice").groups("trader").expiresIn(300)
                .sign();
        assertProblem(Http.send(base, "GET", "/api/v1/bots", null, bearer(otherIssuer)), 401);
    }

    @Test
    void corsIsClosedByDefault() {
        HttpResponse<String> preflight = Http.send(base, "OPTIONS", "/api/v1/bots", null,
                Map.of("Origin", "https://elsewhere.example", "Access-Control-Request-Method", "POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> get = Http.send(base, "GET", "/api/v1/bots", null,
                Map.of("Origin", "https://elsewhere.example", "X-API-Key", GatewayFixture.ADMIN_KEY));
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void noSecretAppearsInLogsMetricsEventsOrErrorBodies() throws Exception {
        String created = newKey("trader");
        String token = Jwt.issuer("tradeflow").subject("canary-user").groups("trader").expiresIn(300)
                .sign();
        String wrongKey = GatewayFixture.ADMIN_KEY.substring(0, GatewayFixture.ADMIN_KEY.length() - 4) + "WXYZ";
        List<String> bodies = new ArrayList<>();
        bodies.add(Http.send(base, "POST", "/api/v1/bots", bot("auth-canary"), key(created)).body());
        bodies.add(Http.send(base, "POST", "/api/v1/bots/auth-canary/start", "", bearer(token)).body());
        bodies.add(Http.send(base, "GET", "/api/v1/bots", null, key(wrongKey)).body());
        bodies.add(Http.send(base, "GET", "/api/v1/bots", null, bearer(token + "x")).body());
        bodies.add(Http.send(base, "POST", "/api/v1/bots", "{\"botId\": " + wrongKey + "}", key(created)).body());
        bodies.add(Http.send(base, "GET", "/api/v1/config/status", null, key(created)).body());
        bodies.add(Http.send(base, "GET", "/api/v1/health", null, Map.of()).body());
        bodies.add(Http.send(base, "GET", "/q/metrics", null, Map.of()).body());
        StringBuilder events = new StringBuilder();
        TopicTail.read(bootstrap, Topics.BOTS, Long.MAX_VALUE, Duration.ofSeconds(30),
                r -> events.append(new String(r.value(), StandardCharsets.UTF_8)));
        String everything = String.join("\n", bodies) + events + Files.readString(GatewayFixture.LOG);

        assertThat(everything).as("the run produced what is searched").contains("auth-canary");
        for (String secret : List.of(GatewayFixture.ADMIN_KEY, created, token, wrongKey, "CANARY")) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    private String newKey(String role) throws Exception {
        HttpResponse<String> created = Http.send(base, "POST", "/api/v1/keys",
                "{\"name\":\"test " + role + "\",\"role\":\"" + role + "\"}", key(GatewayFixture.ADMIN_KEY));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    static Map<String, String> key(String key) {
        return Map.of("X-API-Key", key);
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(status);
    }
}
