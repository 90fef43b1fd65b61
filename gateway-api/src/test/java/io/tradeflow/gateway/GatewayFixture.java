package io.tradeflow.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The gateway under test's setup: credentials made fresh for each run (nothing secret is committed), the bots file it
 * watches, and a log file to search for secrets. JWTs are signed with the key pair smallrye-jwt makes in memory in
 * test mode when no key is configured ({@code Jwt...sign()} without a key). The bootstrap key and the tokens are the
 * canaries: no log line, metric, event or error body may ever contain them.
 */
public class GatewayFixture implements QuarkusTestResourceLifecycleManager {
    /** The bootstrap admin key the gateway stores at start. */
    public static final String ADMIN_KEY = "tf_CANARY" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(java.util.UUID.randomUUID().toString().getBytes()).substring(0, 40);
    /** Where the gateway under test logs. */
    public static final Path LOG = Path.of("target", "gateway-test.log");
    /** position-service as the gateway under test sees it: flat for every bot unless a test says otherwise. */
    public static FakeService positionService;
    /** The bots file the gateway under test watches (absent until a test writes it). */
    public static final Path BOTS_FILE = Path.of("target", "test-bots.yaml").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        try {
            Files.deleteIfExists(LOG);
            Files.deleteIfExists(BOTS_FILE);
            positionService = FakeService.start(0);
            holding(0);
            return Map.of("tradeflow.gateway.services.position-service.url",
                    "http://127.0.0.1:" + positionService.port(),
                    "tradeflow.gateway.pending-deletes-interval", "200ms",
                    "tradeflow.gateway.auth.bootstrap-key", ADMIN_KEY,
                    "tradeflow.gateway.bots-file", BOTS_FILE.toString(),
                    "tradeflow.gateway.bots-file-check-interval", "200ms",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toAbsolutePath().toString(),
                    "quarkus.log.category.\"io.tradeflow\".level", "DEBUG");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        positionService.close();
    }

    /** Makes position-service answer that every bot holds {@code open} positions. */
    public static void holding(int open) {
        positionService.answer("GET", "/api/v1/positions", 200, "application/json",
                "{\"page\":0,\"size\":1,\"total\":" + open + ",\"items\":[]}");
    }

}
