package io.tradeflow.devstack;

import java.util.Map;
import java.util.Optional;

/**
 * The one devstack of a test JVM: started on first use, stopped when the JVM ends.
 *
 * <p>When servers already run (a developer's own devstack, or CI services), the environment points at them and
 * nothing is started. All of these must be set to use it:
 * {@code TRADEFLOW_KAFKA_BOOTSTRAP_SERVERS}, {@code TRADEFLOW_REDIS_URL} (redis://host:port),
 * {@code TRADEFLOW_JDBC_URL}, {@code TRADEFLOW_JDBC_USERNAME}, {@code TRADEFLOW_JDBC_PASSWORD}.
 */
public final class SharedDevStack {
    /** Partitions of the test topics; more than one, so tests see what keying by symbol does. */
    public static final int TEST_PARTITIONS = 3;
    private static Endpoints endpoints;
    /** A failed start is not retried for every test: each would wait for the same failure again. */
    private static DevStackException failure;

    private SharedDevStack() {
    }

    public static synchronized Endpoints endpoints() {
        if (failure != null) {
            throw new DevStackException("The devstack could not start earlier in this test JVM: " + failure.getMessage(), failure);
        }
        if (endpoints == null) {
            try {
                endpoints = fromEnvironment(System.getenv()).orElseGet(SharedDevStack::startProcess);
            } catch (DevStackException e) {
                failure = e;
                throw e;
            }
        }
        return endpoints;
    }

    private static Endpoints startProcess() {
        long started = System.nanoTime();
        DevStackProcess process = DevStackProcess.start(TEST_PARTITIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "devstack-stop"));
        System.out.printf("[devstack] Kafka, PostgreSQL and Redis up in %.1f s: %s%n",
                (System.nanoTime() - started) / 1e9, process.endpoints().quarkusConfig());
        return process.endpoints();
    }

    static Optional<Endpoints> fromEnvironment(Map<String, String> env) {
        String kafka = env.get("TRADEFLOW_KAFKA_BOOTSTRAP_SERVERS");
        String redis = env.get("TRADEFLOW_REDIS_URL");
        String jdbc = env.get("TRADEFLOW_JDBC_URL");
        if (kafka == null && redis == null && jdbc == null) {
            return Optional.empty();
        }
        if (kafka == null || redis == null || jdbc == null) {
            throw new DevStackException("Set all of TRADEFLOW_KAFKA_BOOTSTRAP_SERVERS, TRADEFLOW_REDIS_URL and TRADEFLOW_JDBC_URL "
                    + "to use running servers, or none of them to let the tests start a devstack.");
        }
        var uri = java.net.URI.create(redis);
        return Optional.of(new Endpoints(kafka, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), jdbc,
                env.getOrDefault("TRADEFLOW_JDBC_USERNAME", PostgresServer.USER),
                env.getOrDefault("TRADEFLOW_JDBC_PASSWORD", PostgresServer.PASSWORD)));
    }
}
