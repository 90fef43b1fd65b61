package io.tradeflow.devstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the three servers listen. Also the wire format between a test JVM and the devstack JVM it starts,
 * which prints one {@code DEVSTACK-READY key=value;...} line.
 */
public record Endpoints(String kafkaBootstrapServers, String redisHost, int redisPort,
                        String jdbcUrl, String username, String password) {

    static final String READY_PREFIX = "DEVSTACK-READY ";

    public String redisUrl() {
        return "redis://" + redisHost + ":" + redisPort;
    }

    /** The application configuration a Quarkus service needs to use these servers. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("quarkus.redis.hosts", redisUrl());
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", username);
        config.put("quarkus.datasource.password", password);
        return config;
    }

    String readyLine() {
        return READY_PREFIX + String.join(";", "kafka=" + kafkaBootstrapServers, "redisHost=" + redisHost,
                "redisPort=" + redisPort, "jdbcUrl=" + jdbcUrl, "username=" + username, "password=" + password);
    }

    static Endpoints parseReadyLine(String line) {
        Properties values = new Properties();
        for (String pair : line.substring(READY_PREFIX.length()).split(";")) {
            int eq = pair.indexOf('=');
            values.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new Endpoints(values.getProperty("kafka"), values.getProperty("redisHost"),
                Integer.parseInt(values.getProperty("redisPort")), values.getProperty("jdbcUrl"),
                values.getProperty("username"), values.getProperty("password"));
    }
}
