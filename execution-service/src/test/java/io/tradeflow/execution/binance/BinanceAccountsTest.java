package io.tradeflow.execution.binance;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tradeflow.execution.config.ExecutionConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping as Quarkus builds it, without booting Quarkus: SmallRye Config with both of the service's mappings. */
class BinanceAccountsTest {

    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(ExecutionConfig.class)
                .withMapping(BinanceAccounts.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's: "5s", "1h"
                .withSources(new EnvConfigSource(env, 300), new PropertiesConfigSource(properties, "test", 250))
                .build();
    }

    @Test
    void defaultsPerAccount() {
        BinanceAccounts accounts = config(Map.of(), Map.of()).getConfigMapping(BinanceAccounts.class);
        assertThat(accounts.testnet().restUrl()).isEqualTo("https://demo-fapi.binance.com");
        assertThat(accounts.testnet().userStreamUrl()).isEqualTo("wss://fstream.binancefuture.com/private");
        assertThat(accounts.live().restUrl()).isEqualTo("https://fapi.binance.com");
        assertThat(accounts.live().userStreamUrl()).isEqualTo("wss://fstream.binance.com/private");
        for (BinanceAccounts.Account account : new BinanceAccounts.Account[] {accounts.testnet(), accounts.live()}) {
            assertThat(account.apiKey()).isEmpty();
            assertThat(account.secretKey()).isEmpty();
            assertThat(account.privateKeyFile()).isEmpty();
            assertThat(account.recvWindow()).isEqualTo(Duration.ofSeconds(5));
            assertThat(account.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        }
        assertThat(accounts.rateLimitShare()).isEqualTo(0.9);
    }

    @Test
    void keysComeFromEnvironmentVariablesAndNeverPrint() {
        SmallRyeConfig config = config(Map.of(
                "TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_API_KEY", "test-api-key-123",
                "TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_SECRET_KEY", "test-secret-456\n",
                "TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_LIVE_PRIVATE_KEY_FILE", "/var/run/secrets/binance/live.pem",
                "TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_LIVE_REST_URL", "http://127.0.0.1:9999"),
                Map.of("tradeflow.execution.binance-accounts.live.recv-window", "3s"));
        BinanceAccounts accounts = config.getConfigMapping(BinanceAccounts.class);

        assertThat(accounts.testnet().apiKey()).get().extracting(Secret::reveal).isEqualTo("test-api-key-123");
        assertThat(accounts.testnet().secretKey()).get().extracting(Secret::reveal).isEqualTo("test-secret-456");
        assertThat(accounts.live().privateKeyFile()).contains(Path.of("/var/run/secrets/binance/live.pem"));
        assertThat(accounts.live().restUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(accounts.live().recvWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(accounts.live().apiKey()).isEmpty();
        // The exchangeInfo settings under tradeflow.execution.binance are untouched by the accounts' prefix.
        assertThat(config.getConfigMapping(ExecutionConfig.class).binance().restUrl())
                .isEqualTo("https://fapi.binance.com");

        String printed = accounts.testnet() + " " + accounts.testnet().apiKey() + " " + accounts.testnet().secretKey()
                + " " + accounts;
        assertThat(printed).doesNotContain("test-api-key-123").doesNotContain("test-secret-456");
    }
}
