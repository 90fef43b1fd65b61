package io.tradeflow.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevStackStartTest {

    @Test
    void refusesToStartWhenAPortIsTakenAndNamesIt(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var options = DevStackOptions.ephemeral(dir.resolve("stack"), 1);
            var clashing = new DevStackOptions(options.dataDir(), false, options.kafkaPort(), options.kafkaControllerPort(),
                    options.redisPort(), busy.getLocalPort(), 1);

            assertThatThrownBy(() -> DevStack.start(clashing))
                    .isInstanceOf(DevStackException.class)
                    .hasMessageContaining("Port " + busy.getLocalPort() + " (PostgreSQL) is already in use")
                    .hasMessageContaining("--postgres-port");
            assertThat(Files.exists(clashing.dataDir())).as("nothing was started or written").isFalse();
        }
    }

    /**
     * Right after a stop, the servers' closed connections sit in TIME_WAIT on their ports; nothing listens there, so
     * the port is free to start again at once.
     */
    @Test
    void aPortWhoseOnlyConnectionsAreInTimeWaitIsFree() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            port = server.getLocalPort();
            try (Socket accepted = server.accept()) {
                assertThat(accepted.isConnected()).isTrue();
                // the server side closes first: its end of the connection goes to TIME_WAIT on the server's port
            }
            assertThat(client.getInputStream().read()).as("end of stream once the server closed").isEqualTo(-1);
            assertThat(Ports.isFree(port)).as("still listening").isFalse();
        }
        assertThat(Ports.isFree(port)).as("closed, only TIME_WAIT left").isTrue();
    }

    @Test
    void readyLineCarriesEveryAddress() {
        var endpoints = new Endpoints("127.0.0.1:40001", "127.0.0.1", 40002, "jdbc:postgresql://127.0.0.1:40003/tradeflow", "u", "p");

        assertThat(Endpoints.parseReadyLine(endpoints.readyLine())).isEqualTo(endpoints);
        assertThat(endpoints.quarkusConfig()).containsEntry("kafka.bootstrap.servers", "127.0.0.1:40001")
                .containsEntry("quarkus.redis.hosts", "redis://127.0.0.1:40002")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:40003/tradeflow");
    }

    @Test
    void environmentPointsAtRunningServers() {
        var env = Map.of("TRADEFLOW_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "TRADEFLOW_REDIS_URL", "redis://cache:6380",
                "TRADEFLOW_JDBC_URL", "jdbc:postgresql://db:5432/tradeflow");

        assertThat(SharedDevStack.fromEnvironment(Map.of())).isEmpty();
        assertThat(SharedDevStack.fromEnvironment(env)).contains(new Endpoints("kafka:9092", "cache", 6380,
                "jdbc:postgresql://db:5432/tradeflow", "tradeflow", "tradeflow"));
        assertThatThrownBy(() -> SharedDevStack.fromEnvironment(Map.of("TRADEFLOW_REDIS_URL", "redis://cache:6380")))
                .hasMessageContaining("TRADEFLOW_KAFKA_BOOTSTRAP_SERVERS");
    }
}
