package io.tradeflow.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every setting of the service, under {@code tradeflow.indicator}; each can also be set as an environment variable. */
@ConfigMapping(prefix = "tradeflow.indicator")
public interface IndicatorConfig {

    /**
     * Indicators every (symbol, interval) series computes, comma-separated, e.g. {@code sma(21),sma(200),rsi(14)};
     * running bots' indicators are added. Commas inside parentheses belong to the indicator ({@code macd(12,26,9)}).
     */
    @WithDefault("sma(21),sma(200),rsi(14)")
    String defaults();

    /**
     * This instance's name in the consumer group (Kafka's static membership, {@code group.instance.id}) and the name
     * of its local state folder; unique per running instance, stable across its restarts. Defaults to
     * {@code HOSTNAME} (a Kubernetes pod's name), else {@code indicator-service-0}.
     */
    String instanceId();

    Retry retry();

    /** Backoff while Redis fails during a kline's warm-up: the kline is retried, never skipped and never committed. */
    interface Retry {
        @WithDefault("100ms")
        Duration minBackoff();

        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * How long one kline retries before its stream thread fails and Kafka Streams starts the task again from
         * its last commit (and tries again); keep it below the transaction timeout
         * ({@code kafka-streams.producer.transaction.timeout.ms}, 10 s), past which the broker aborts the open
         * transaction anyway.
         */
        @WithDefault("5s")
        Duration giveUpAfter();
    }
}
