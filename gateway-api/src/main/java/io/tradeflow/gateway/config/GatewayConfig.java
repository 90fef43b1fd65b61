package io.tradeflow.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code tradeflow.gateway.*} itself (the sub-prefixes auth, services, query, health and stream have mappings of
 * their own): the YAML bots file (env TRADEFLOW_GATEWAY_BOTS_FILE) and how often the gateway's background work runs.
 * The intervals are read by {@code @Scheduled} expressions; they are declared here so the keys are known and
 * documented in one place.
 */
@ConfigMapping(prefix = "tradeflow.gateway")
public interface GatewayConfig {
    /** The file; unset: bots come from the REST only. */
    Optional<Path> botsFile();

    /** How often the file is read to see whether it changed (a changed checksum is applied). */
    @WithDefault("2s")
    Duration botsFileCheckInterval();

    /** How often the bots.v1 outbox is drained for what a change's own drain left behind. */
    @WithDefault("5s")
    Duration outboxInterval();

    /** How often closes asked by the gateway are followed (deletes once flat, closePosition cleared once flat). */
    @WithDefault("5s")
    Duration pendingDeletesInterval();
}
