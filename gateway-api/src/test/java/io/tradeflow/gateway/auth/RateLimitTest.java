package io.tradeflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradeflow.gateway.GatewayFixture;
import io.tradeflow.gateway.Http;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate limit per caller: beyond it 429 with Retry-After, and another caller is not affected (devstack). */
@QuarkusTest
@TestProfile(RateLimitTest.FiveAMinute.class)
class RateLimitTest {
    /** Five requests a minute, so the sixth is over. */
    public static class FiveAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tradeflow.gateway.auth.requests-per-minute", "5");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aCallerBeyondItsRateGets429WithRetryAfter() throws Exception {
        Map<String, String> admin = Map.of("X-API-Key", GatewayFixture.ADMIN_KEY);
        HttpResponse<String> created = Http.send(base, "POST", "/api/v1/keys", "{\"name\":\"other\"}", admin);
        String other = new ObjectMapper().readTree(created.body()).get("key").asText();
        for (int i = 0; i < 4; i++) {
            assertThat(Http.send(base, "GET", "/api/v1/bots", null, admin).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> over = Http.send(base, "GET", "/api/v1/bots", null, admin);
        AuthTest.assertProblem(over, 429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(Http.send(base, "GET", "/api/v1/bots", null, Map.of("X-API-Key", other)).statusCode())
                .as("the limit is per caller").isEqualTo(200);
    }
}
