package io.tradeflow.signal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every setting of the service, under {@code tradeflow.signal}; each can also be set as an environment variable. */
@ConfigMapping(prefix = "tradeflow.signal")
public interface SignalConfig {

    Restore restore();

    Retry retry();

    interface Restore {
        /**
         * How many of the newest records of each {@code signals.v1} partition are read at start (and after a
         * rebalance) to learn each bot's newest published signal. Must reach back past everything published while
         * this instance was down.
         */
        @WithDefault("1000")
        long recordsPerPartition();
    }

    interface Retry {
        /** Longest pause between two attempts to publish a signal or write a bot's state while Kafka or Redis fail. */
        @WithDefault("5s")
        Duration maxBackoff();
    }
}
