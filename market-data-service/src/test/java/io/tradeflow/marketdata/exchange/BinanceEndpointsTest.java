package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceEndpointsTest {

    @Test
    void usdMStreamsKlinesFromTheMarketBase() {
        var endpoints = BinanceEndpoints.of(Market.USD_M, Optional.empty(), Optional.empty());

        assertThat(endpoints.combinedStream(List.of("btcusdt@kline_1m", "ethusdt@kline_5m")))
                .hasToString("wss://fstream.binance.com/market/stream?streams=btcusdt@kline_1m/ethusdt@kline_5m");
        assertThat(endpoints.klines(new Symbol("BTCUSDT"), Interval.ONE_MINUTE, 1700006400000L, 1500))
                .hasToString("https://fapi.binance.com/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=1700006400000&limit=1500");
        assertThat(endpoints.serverTime()).hasToString("https://fapi.binance.com/fapi/v1/time");
    }

    @Test
    void coinMUsesDstreamAndDapi() {
        var endpoints = BinanceEndpoints.of(Market.COIN_M, Optional.empty(), Optional.empty());

        assertThat(endpoints.combinedStream(List.of("btcusd_perp@kline_1h")))
                .hasToString("wss://dstream.binance.com/stream?streams=btcusd_perp@kline_1h");
        assertThat(endpoints.klines(new Symbol("BTCUSD_PERP"), Interval.ONE_HOUR, 0, 1500))
                .hasToString("https://dapi.binance.com/dapi/v1/klines?symbol=BTCUSD_PERP&interval=1h&startTime=0&limit=1500");
        assertThat(endpoints.serverTime()).hasToString("https://dapi.binance.com/dapi/v1/time");
    }

    @Test
    void configuredBasesWinAndLoseATrailingSlash() {
        var endpoints = BinanceEndpoints.of(Market.USD_M, Optional.of("ws://127.0.0.1:8090/market/"), Optional.of("http://127.0.0.1:8090/"));

        assertThat(endpoints.combinedStream(List.of("testausdt@kline_1m")))
                .hasToString("ws://127.0.0.1:8090/market/stream?streams=testausdt@kline_1m");
        assertThat(endpoints.klines(new Symbol("TESTAUSDT"), Interval.ONE_MINUTE, 5, 1500))
                .hasToString("http://127.0.0.1:8090/fapi/v1/klines?symbol=TESTAUSDT&interval=1m&startTime=5&limit=1500");
    }

    @Test
    void streamNamesAreLowerCaseSymbolsWithTheIntervalCodeAsItIs() {
        assertThat(BinanceEndpoints.streamName(new Subscription(new Symbol("BTCUSDT"), Interval.ONE_MINUTE))).isEqualTo("btcusdt@kline_1m");
        assertThat(BinanceEndpoints.streamName(new Subscription(new Symbol("BTCUSD_PERP"), Interval.FOUR_HOURS))).isEqualTo("btcusd_perp@kline_4h");
        // 1M is a month and 1m a minute: Binance tells them apart by case.
        assertThat(BinanceEndpoints.streamName(new Subscription(new Symbol("ETHUSDT"), Interval.ONE_MONTH))).isEqualTo("ethusdt@kline_1M");
    }

    @Test
    void aUsdMBaseWithoutTheMarketPathGetsTheHintThatKlinesAreOnlyThere() {
        // The case: USD-M on the legacy root, which Binance accepts and sends no kline on since 2026-04-23.
        var legacy = BinanceEndpoints.of(Market.USD_M, Optional.of("wss://fstream.binance.com"), Optional.empty());
        var legacyWs = BinanceEndpoints.of(Market.USD_M, Optional.of("wss://fstream.binance.com/ws/"), Optional.empty());

        assertThat(legacy.klinePathHint()).hasValueSatisfying(hint -> assertThat(hint)
                .contains("/market base path (wss://fstream.binance.com/market/stream?streams=...)", "wss://fstream.binance.com has no /market"));
        assertThat(legacyWs.klinePathHint()).hasValueSatisfying(hint -> assertThat(hint).contains("wss://fstream.binance.com/ws has no /market"));
        assertThat(BinanceEndpoints.of(Market.USD_M, Optional.empty(), Optional.empty()).klinePathHint()).isEmpty();
        assertThat(BinanceEndpoints.of(Market.USD_M, Optional.of("ws://127.0.0.1:8090/market/"), Optional.empty()).klinePathHint()).isEmpty();
        // COIN-M has no /market base: its root is right.
        assertThat(BinanceEndpoints.of(Market.COIN_M, Optional.empty(), Optional.empty()).klinePathHint()).isEmpty();
    }

    @Test
    void aCombinedStreamNeedsAStream() {
        var endpoints = BinanceEndpoints.of(Market.USD_M, Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> endpoints.combinedStream(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
