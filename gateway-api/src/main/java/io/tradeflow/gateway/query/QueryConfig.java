package io.tradeflow.gateway.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code tradeflow.gateway.query.*}: how the gateway calls position-service and execution-service. */
@ConfigMapping(prefix = "tradeflow.gateway.query")
public interface QueryConfig {
    /**
     * Connect and read timeout of each call: past it the caller gets 503 naming the service, instead of a request
     * that hangs as long as the service does.
     */
    @WithDefault("5s")
    Duration timeout();
}
