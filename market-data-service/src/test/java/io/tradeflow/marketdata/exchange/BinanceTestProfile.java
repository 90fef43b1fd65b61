package io.tradeflow.marketdata.exchange;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * The service on {@code source=binance} against a {@link BinanceTestServer}. The symbols are test-only and new for
 * every run (the topic is shared with other test classes, and may outlive a run on a developer's own devstack).
 */
public class BinanceTestProfile implements QuarkusTestProfile {
    // From the JVM's start time rather than a random number: Quarkus may load this class more than once (test and
    // application class loaders), and every copy must name the same symbols.
    private static final String RUN = letters(ManagementFactory.getRuntimeMXBean().getStartTime(), 5);
    /** Streamed from the start (configured). */
    public static final Subscription STREAMED = pair("TESTA", "1m");
    /** Also configured; used by the malformed-message test so its pushes do not disturb the others. */
    public static final Subscription SPOILED = pair("TESTC", "1m");
    /** Listed on the server but only subscribed at run time, as a bot starting would. */
    public static final Subscription ADDED_LATER = pair("TESTB", "5m");
    /** Not listed: Binance answers -1121 for it. */
    public static final Subscription UNKNOWN = pair("TESTZ", "1m");
    public static final int KEEP = 200;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tradeflow.market-data.source", "binance",
                "tradeflow.market-data.subscriptions", STREAMED + "," + SPOILED,
                "tradeflow.market-data.candles.keep", Integer.toString(KEEP),
                // A stream is silent 1 s after its kline's close: the silent-stream tests take seconds, not minutes.
                "tradeflow.market-data.binance.kline-grace", "1s",
                "tradeflow.market-data.binance.reconnect-min-backoff", "50ms",
                "tradeflow.market-data.binance.reconnect-max-backoff", "500ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(BinanceTestServerResource.class,
                Map.of("pairs", STREAMED + "," + SPOILED + "," + ADDED_LATER)));
    }

    private static Subscription pair(String prefix, String interval) {
        return new Subscription(Symbol.of(prefix + RUN + "USDT"), Interval.fromCode(interval));
    }

    private static String letters(long seed, int count) {
        StringBuilder letters = new StringBuilder();
        long rest = seed;
        for (int i = 0; i < count; i++) {
            letters.append((char) ('A' + Math.floorMod(rest, 26)));
            rest /= 26;
        }
        return letters.toString();
    }
}
