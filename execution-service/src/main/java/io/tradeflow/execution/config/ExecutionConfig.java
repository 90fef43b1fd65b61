package io.tradeflow.execution.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the service, under {@code tradeflow.execution}; each can also be set as an environment variable. */
@ConfigMapping(prefix = "tradeflow.execution")
public interface ExecutionConfig {

    Paper paper();

    Risk risk();

    Binance binance();

    Outbox outbox();

    SymbolRulesFiles symbolRules();

    interface SymbolRulesFiles {
        /**
         * exchangeInfo files (USD-M format, e.g. a saved {@code /fapi/v1/exchangeInfo} answer) whose symbols take
         * precedence over Binance's and the shipped snapshot: rules of symbols Binance does not list, for paper
         * trading, or rules frozen for a reproducible replay. None by default.
         */
        Optional<List<Path>> files();
    }

    interface Paper {
        /** Basis points every paper fill moves against the trader. */
        @WithDefault("2")
        BigDecimal slippageBps();

        /** Fee of every paper fill, basis points of its notional (Binance USD-M's base taker rate). */
        @WithDefault("5")
        BigDecimal takerFeeBps();

        /** Each USD-M paper bot's wallet at its first order, in the quote asset (USDT for BTCUSDT). */
        @WithDefault("10000")
        BigDecimal startingBalance();

        /** Each COIN-M paper bot's wallet at its first order, in its coin (BTC for BTCUSD_PERP). */
        @WithDefault("1")
        BigDecimal coinMStartingBalance();
    }

    interface Risk {
        /** Positions all bots together may hold. */
        @WithDefault("50")
        int maxOpenPositions();

        /** Open notional (quantity x entry price) all bots may hold in one symbol. */
        @WithDefault("1000000")
        BigDecimal maxNotionalPerSymbol();

        /** Open notional of all bots together. */
        @WithDefault("5000000")
        BigDecimal maxNotionalTotal();

        /** A bot that lost this many percent of its balance since the start of its UTC day is halted. */
        @WithDefault("5")
        BigDecimal dailyLossPercent();

        /** A bot whose balance fell this many percent below its peak is halted. */
        @WithDefault("20")
        BigDecimal maxDrawdownPercent();

        /** An entry signal older than this when it reaches execution (by its producedAt) is denied. */
        @WithDefault("30s")
        Duration maxSignalDelay();
    }

    interface Binance {
        /** USD-M REST base for the public exchangeInfo (symbol rules). */
        @WithDefault("https://fapi.binance.com")
        String restUrl();

        /** COIN-M REST base for the public exchangeInfo. */
        @WithDefault("https://dapi.binance.com")
        String coinMRestUrl();

        /** How often symbol rules are fetched again; the shipped snapshot is used until a fetch works. */
        @WithDefault("1h")
        Duration exchangeInfoRefresh();

        /** Set false where Binance is unreachable on purpose (tests, air-gapped runs): the snapshot is used. */
        @WithDefault("true")
        boolean exchangeInfoFetch();
    }

    interface Outbox {
        /** Records per orders.v1 partition read at start to learn which stored events Kafka already has. */
        @WithDefault("2000")
        long tailRecordsPerPartition();
    }
}
