package io.tradeflow.marketdata.messaging;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishedKlinesRestoreTest {

    @Test
    void unreachableKafkaStopsTheStartQuicklyAndSaysWhatToDo() throws Exception {
        var restore = new PublishedKlinesRestore();
        try (var socket = new ServerSocket(0)) {
            restore.kafka = Map.of("bootstrap.servers", "127.0.0.1:" + socket.getLocalPort());
        }
        restore.recordsPerPartition = 10;
        restore.timeout = Duration.ofSeconds(2);

        long started = System.nanoTime();
        assertThatThrownBy(restore::publishedKlines)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not answer within 2 s")
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
}
