package io.tradeflow.execution.binance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of one Binance account's REST traffic, tagged {@code account} (testnet, live). Gauges are registered once, at
 * construction; the error counter once per code (a bounded set: Binance's codes and a few failure kinds).
 * <ul>
 *   <li>{@code tradeflow.binance.request.weight.used}: the IP's request weight this minute, as last reported</li>
 *   <li>{@code tradeflow.binance.orders.10s}, {@code tradeflow.binance.orders.1m}: the account's order counts</li>
 *   <li>{@code tradeflow.binance.errors{code}}: failed requests, by Binance code ({@code -2019}) or, without one, by
 *       kind ({@code http_503}, {@code timeout}, {@code no_connection}, {@code io}, {@code malformed})</li>
 * </ul>
 * (Prometheus: {@code tradeflow_binance_request_weight_used}, {@code tradeflow_binance_orders_10s},
 * {@code tradeflow_binance_errors_total}.)
 */
public final class BinanceRestMetrics {

    private final MeterRegistry registry;
    private final String account;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    public BinanceRestMetrics(MeterRegistry registry, String account, RequestGate gate) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.account = Objects.requireNonNull(account, "account");
        Gauge.builder("tradeflow.binance.request.weight.used", gate, RequestGate::usedWeight)
                .description("The IP's Binance request weight this minute (X-MBX-USED-WEIGHT-1M), as last reported")
                .tag("account", account).strongReference(true).register(registry);
        Gauge.builder("tradeflow.binance.orders.10s", gate, RequestGate::orders10s)
                .description("The account's Binance orders in the current 10 s (X-MBX-ORDER-COUNT-10S)")
                .tag("account", account).strongReference(true).register(registry);
        Gauge.builder("tradeflow.binance.orders.1m", gate, RequestGate::orders1m)
                .description("The account's Binance orders this minute (X-MBX-ORDER-COUNT-1M)")
                .tag("account", account).strongReference(true).register(registry);
    }

    /** A failed request; {@code code} is Binance's code or a failure kind, see the class comment. */
    void error(String code) {
        errors.computeIfAbsent(code, c -> Counter.builder("tradeflow.binance.errors")
                .description("Failed Binance requests by error code or failure kind")
                .tags("account", account, "code", c).register(registry)).increment();
    }
}
