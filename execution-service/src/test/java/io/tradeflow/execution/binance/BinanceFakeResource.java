package io.tradeflow.execution.binance;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts two {@link BinanceFuturesFake}s, USD-M and COIN-M, and points the service's testnet account at them (its keys,
 * REST bases and user stream bases; {@code coin-m} on). Declared for every test of the module (see {@link BinanceTradingTest}): a resource for one class only
 * would boot a second application, whose Kafka consumer group then waits on the first one's.
 */
public class BinanceFakeResource implements QuarkusTestResourceLifecycleManager {
    /** The running fake, for the test to move the market and look at the account. */
    static volatile BinanceFuturesFake binance;
    /** The account's COIN-M side. */
    static volatile BinanceFuturesFake coinM;

    @Override
    public Map<String, String> start() {
        binance = new BinanceFuturesFake();
        coinM = BinanceFuturesFake.coinM();
        String prefix = "tradeflow.execution.binance-accounts.testnet.";
        return Map.of(prefix + "api-key", BinanceFuturesFake.DEFAULT_API_KEY,
                prefix + "secret-key", BinanceFuturesFake.DEFAULT_SECRET,
                prefix + "rest-url", binance.restUrl(),
                prefix + "user-stream-url", binance.userStreamUrl(),
                prefix + "coin-m-rest-url", coinM.restUrl(),
                prefix + "coin-m-user-stream-url", coinM.userStreamUrl(),
                "tradeflow.execution.binance-accounts.coin-m", "true",
                "tradeflow.execution.binance-accounts.fill-wait", "3s");
    }

    @Override
    public void stop() {
        if (binance != null) {
            binance.close();
        }
        if (coinM != null) {
            coinM.close();
        }
    }
}
