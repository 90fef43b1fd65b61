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

    Retry retry();

    /** Backoff while Redis or Kafka fail during a kline: the kline is retried, never skipped and never committed. */
    interface Retry {
        @WithDefault("100ms")
        Duration minBackoff();

        @WithDefault("5s")
        Duration maxBackoff();
    }
}
