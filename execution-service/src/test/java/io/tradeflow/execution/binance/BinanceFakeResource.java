package io.tradeflow.execution.binance;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a {@link BinanceFuturesFake} and points the service's testnet account at it (its keys, REST base and user
 * stream base). Declared for every test of the module (see {@link BinanceTradingTest}): a resource for one class only
 * would boot a second application, whose Kafka consumer group then waits on the first one's.
 */
public class BinanceFakeResource implements QuarkusTestResourceLifecycleManager {
    /** The running fake, for the test to move the market and look at the account. */
    static volatile BinanceFuturesFake binance;

    @Override
    public Map<String, String> start() {
        binance = new BinanceFuturesFake();
        String prefix = "tradeflow.execution.binance-accounts.testnet.";
        return Map.of(prefix + "api-key", BinanceFuturesFake.DEFAULT_API_KEY,
                prefix + "secret-key", BinanceFuturesFake.DEFAULT_SECRET,
                prefix + "rest-url", binance.restUrl(),
                prefix + "user-stream-url", binance.userStreamUrl(),
                "tradeflow.execution.binance-accounts.fill-wait", "3s");
    }

    @Override
    public void stop() {
        if (binance != null) {
            binance.close();
        }
    }
}
