package io.tradeflow.gateway.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code tradeflow.gateway.stream.*}: the live stream ({@code GET /api/v1/stream}). */
@ConfigMapping(prefix = "tradeflow.gateway.stream")
public interface StreamConfig {
    /** Streams open at once (each holds a Kafka consumer and a thread); beyond it 503 with Retry-After. */
    @WithDefault("50")
    int maxStreams();

    /** A comment line after this much silence, so that proxies keep the connection open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** How long one Kafka poll waits for records. */
    @WithDefault("1s")
    Duration pollTimeout();

    /** Records one poll hands over at most: also what a stream buffers at most for a slow client. */
    @WithDefault("500")
    int maxPollRecords();

    /** How long opening a stream waits for Kafka (partitions, offsets) before answering 503. */
    @WithDefault("10s")
    Duration kafkaTimeout();
}
