package io.tradeflow.gateway.botsfile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The YAML bots file ({@code tradeflow.gateway.bots-file}, env TRADEFLOW_GATEWAY_BOTS_FILE) and its checks. */
@ConfigMapping(prefix = "tradeflow.gateway")
public interface BotsFileConfig {
    /** The file; unset: bots come from the REST only. */
    Optional<Path> botsFile();

    /** How often the file is read to see whether it changed (a changed checksum is applied). */
    @WithDefault("2s")
    Duration botsFileCheckInterval();
}
