package io.tradeflow.execution.binance;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The signed REST client of a {@link BinanceFuturesFake}'s account (its default key and secret, the real gate and
 * clock), as the service builds one. Apart from the fake, which pipeline-tests loads without the service's classes.
 */
final class FakeClient {
    private FakeClient() {
    }

    /** A client of {@code binance}, for its market (USD-M or COIN-M); the caller closes it. */
    static BinanceRest of(BinanceFuturesFake binance) {
        RequestGate gate = RequestGate.system(0.9);
        return new BinanceRest("testnet", binance.api(), URI.create(binance.restUrl()),
                Optional.of(Secret.of(BinanceFuturesFake.DEFAULT_API_KEY)),
                Optional.of(RequestSigner.hmac(Secret.of(BinanceFuturesFake.DEFAULT_SECRET))), Duration.ofSeconds(5),
                Duration.ofSeconds(5), gate, System::currentTimeMillis,
                new BinanceRestMetrics(new SimpleMeterRegistry(), "testnet", gate));
    }
}
