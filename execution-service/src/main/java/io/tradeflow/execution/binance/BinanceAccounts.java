package io.tradeflow.execution.binance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Binance USD-M accounts the service trades on: {@code testnet} (Binance's demo futures) and {@code live}, each
 * with its own keys and URLs, so that a testnet key can never sign a live order.
 *
 * <p>Keys come from the environment, which in Kubernetes is a Secret mounted as environment variables
 * ({@code envFrom: secretRef}), never from {@code application.properties}: {@code
 * TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_API_KEY}, {@code ..._TESTNET_SECRET_KEY} (HMAC) or {@code
 * ..._TESTNET_PRIVATE_KEY_FILE} (Ed25519, a path to a PKCS#8 PEM file, e.g. a Secret mounted as a file), and the same
 * with {@code LIVE}. Keys are {@link Secret}s: they print as {@code ***}.
 *
 * <p>Its own prefix, {@code tradeflow.execution.binance-accounts}, apart from {@code tradeflow.execution.binance}
 * (exchangeInfo URLs, see ExecutionConfig).
 */
@ConfigMapping(prefix = "tradeflow.execution.binance-accounts")
public interface BinanceAccounts {

    Testnet testnet();

    Live live();

    /**
     * The request gate slows down once Binance's counters (request weight per minute, orders per 10 s and per minute)
     * reach this share of their limit, 0 to 1; see {@link RequestGate}.
     */
    @WithDefault("0.9")
    double rateLimitShare();

    /**
     * How a stop-loss or take-profit trigger is compared: {@code MARK_PRICE} (default: a wick on the last price does
     * not trigger it) or {@code CONTRACT_PRICE} (Binance {@code workingType}).
     */
    @WithDefault("MARK_PRICE")
    String workingType();

    /** Binance {@code priceProtect} on stop-loss and take-profit: not triggered when mark and last price diverge. */
    @WithDefault("true")
    boolean priceProtect();

    /** How long a MARKET order's fills are waited for on the user stream before they are read over REST. */
    @WithDefault("2s")
    Duration fillWait();

    /** How often each account's open orders and positions are compared with the platform's (after the first, at start). */
    @WithDefault("5m")
    Duration reconcileInterval();

    /**
     * Whether the accounts trade COIN-M bots too: each configured account then also opens COIN-M's REST base and user
     * stream ({@code coin-m-rest-url}, {@code coin-m-user-stream-url}), and its readiness waits for them. Off, COIN-M
     * bots on TESTNET or LIVE are denied {@code venue-unavailable}.
     */
    @WithDefault("false")
    boolean coinM();

    /** How often the user stream's listenKey is extended (Binance: valid 60 minutes; extend about every 30). */
    @WithDefault("30m")
    Duration keepAlive();

    /**
     * A user-stream socket from which nothing came for this long (no event, no answer to the pings sent every third of
     * it) is taken as dead and replaced, and what it missed is read over REST.
     */
    @WithDefault("2m")
    Duration streamSilenceLimit();

    /** One account's settings; {@link Testnet} and {@link Live} differ only in their default URLs. */
    interface Account {
        /** Sent as {@code X-MBX-APIKEY}; absent: the account is not configured. */
        Optional<Secret> apiKey();

        /** HMAC-SHA256 secret of an HMAC API key. Set this or {@link #privateKeyFile()}, not both. */
        Optional<Secret> secretKey();

        /** Ed25519 private key of an Ed25519 API key: a PKCS#8 PEM file ({@code BEGIN PRIVATE KEY}), unencrypted. */
        Optional<Path> privateKeyFile();

        /** USD-M REST base. */
        String restUrl();

        /** User data stream base (the {@code /private} WebSocket path of the 2026 split). */
        String userStreamUrl();

        /** COIN-M REST base (used when {@code coin-m} is on). */
        String coinMRestUrl();

        /** COIN-M user data stream base: the socket is {@code {base}/ws/<listenKey>}. */
        String coinMUserStreamUrl();

        /**
         * How long after its {@code timestamp} a signed request stays valid, sent as {@code recvWindow} in ms (Binance:
         * default 5 s, at most 60 s).
         */
        @WithDefault("5s")
        Duration recvWindow();

        /** For connecting, and again for the whole answer of one request. */
        @WithDefault("10s")
        Duration requestTimeout();
    }

    /** Binance's futures demo ("testnet"). */
    interface Testnet extends Account {
        /** From Binance's USD-M "General Info" page (testnet REST base). */
        @Override
        @WithDefault("https://demo-fapi.binance.com")
        String restUrl();

        /**
         * The docs name {@code wss://fstream.binancefuture.com} as testnet's WebSocket base; that testnet also serves
         * the {@code /private} path of the live split is an assumption: check it against Binance's docs (or try it)
         * before relying on it.
         */
        @Override
        @WithDefault("wss://fstream.binancefuture.com/private")
        String userStreamUrl();

        /** COIN-M testnet REST base (Binance's COIN-M "General Info"). */
        @Override
        @WithDefault("https://testnet.binancefuture.com")
        String coinMRestUrl();

        /** COIN-M testnet WebSocket base (Binance's COIN-M "General Info"). */
        @Override
        @WithDefault("wss://dstream.binancefuture.com")
        String coinMUserStreamUrl();
    }

    /** Real money. */
    interface Live extends Account {
        @Override
        @WithDefault("https://fapi.binance.com")
        String restUrl();

        /** Since 2026-04-23 user data is on {@code /private} (see BINANCE.md). */
        @Override
        @WithDefault("wss://fstream.binance.com/private")
        String userStreamUrl();

        @Override
        @WithDefault("https://dapi.binance.com")
        String coinMRestUrl();

        /** COIN-M's user data stream, untouched by the USD-M split: {@code {base}/ws/<listenKey>}. */
        @Override
        @WithDefault("wss://dstream.binance.com")
        String coinMUserStreamUrl();
    }
}
