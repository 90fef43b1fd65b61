package io.tradeflow.marketdata.exchange;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tradeflow.marketdata.domain.Subscription;

import java.util.Map;

/**
 * Starts a {@link BinanceTestServer} for a Quarkus test and points the service at it. Arg {@code pairs}: the pairs
 * the server lists, {@code SYMBOL:interval,...} (any other symbol gets Binance's -1121 "Invalid symbol.").
 */
public class BinanceTestServerResource implements QuarkusTestResourceLifecycleManager {
    private static volatile BinanceTestServer server;
    private String pairs = "";

    /** The running server, for the test to drive. */
    public static BinanceTestServer server() {
        if (server == null) {
            throw new IllegalStateException("the Binance test server is not running");
        }
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        pairs = initArgs.getOrDefault("pairs", "");
    }

    @Override
    public Map<String, String> start() {
        server = BinanceTestServer.start();
        Subscription.parseList(pairs).forEach(server::list);
        return Map.of(
                "tradeflow.market-data.binance.ws-url", server.webSocketBase(),
                "tradeflow.market-data.binance.rest-url", server.restBase());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectBinanceTestServer.class, BinanceTestServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
