package io.tradeflow.marketdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tradeflow.core.domain.Market;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the service, under {@code tradeflow.market-data}; each can also be set as an environment variable. */
@ConfigMapping(prefix = "tradeflow.market-data")
public interface MarketDataConfig {

    /** Where klines come from. */
    @WithDefault("binance")
    Source source();

    /** Pairs always streamed, e.g. {@code BTCUSDT:1m,ETHUSDT:5m}; running bots' pairs from bots.v1 are added. */
    Optional<String> subscriptions();

    Binance binance();

    Replay replay();

    Candles candles();

    /**
     * Kafka producer settings for {@code market.klines.v1} by Kafka's own names, e.g.
     * {@code tradeflow.market-data.producer.linger.ms=20} (as an environment variable in the quoted form,
     * {@code TRADEFLOW_MARKET_DATA_PRODUCER__LINGER_MS_}): over the service's {@code kafka.*} settings (servers, TLS,
     * SASL) and the producer's defaults ({@code KlineProducerSettings}); the serializers, idempotence and
     * {@code acks=all} are fixed.
     */
    Map<String, String> producer();

    /** Readiness goes DOWN when klines wait this long for Kafka without a single acknowledgement. */
    @WithDefault("10s")
    Duration kafkaStallTimeout();

    enum Source { binance, replay }

    interface Binance {
        @WithDefault("USD_M")
        Market market();

        /** Combined-stream WebSocket base; empty means the production URL of the market (USD-M uses the /market base). */
        Optional<String> wsUrl();

        /** REST base; empty means the production URL of the market. */
        Optional<String> restUrl();

        /** Streams per connection before another connection is opened (Binance allows 200 on USD-M). */
        @WithDefault("200")
        int maxStreamsPerConnection();

        /** Reconnect on purpose before Binance's 24-hour connection limit. */
        @WithDefault("23h")
        Duration reconnectAfter();

        /** A connection silent this long (Binance pings every 3 minutes) is dead even if TCP has not noticed. */
        @WithDefault("10m")
        Duration readIdleTimeout();

        /**
         * How long after a kline's close time its closed kline may still arrive before the stream counts as silent
         * (WARN, readiness DOWN, REST catch-up, resubscribe). Binance sends it at the close, usually within a
         * second, sometimes seconds late under load: 10 s rides out a late one, and keeps a silent stream's klines
         * at most about 11 s late on the topic (this, the 1 s check, then REST).
         */
        @WithDefault("10s")
        Duration klineGrace();

        @WithDefault("1s")
        Duration reconnectMinBackoff();

        @WithDefault("60s")
        Duration reconnectMaxBackoff();
    }

    interface Replay {
        /** Comma-separated paths of data.binance.vision kline CSV files ({@code .csv} or {@code .zip}). */
        Optional<List<String>> files();

        /** {@code max}, or a factor of real time such as {@code 60} (one recorded minute per second). */
        @WithDefault("max")
        String speed();

        /** Skip a malformed row (reported with file and line) and go on, or stop the replay at it. */
        @WithDefault("true")
        boolean skipMalformed();

        /**
         * Share of a file's rows (0 to 1) that may be skipped as malformed; past it, or when a file yields no kline,
         * the replay fails and readiness says which file. A data.binance.vision file has none: 1% lets the odd
         * damaged row through and stops a wrong or broken file.
         */
        @WithDefault("0.01")
        double maxSkippedShare();

        /** Market the recorded files belong to (the CSV does not say). */
        @WithDefault("USD_M")
        Market market();
    }

    interface Candles {
        /** Length of each Redis list {@code candles:{SYMBOL}:{INTERVAL}}; later stages need at least 200 to warm up. */
        @WithDefault("500")
        int keep();
    }
}
