package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestGateTest {

    /** 12:00:10.000 UTC on some day: 50 s left in the minute, the 10 s window just begun. */
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000 + 10_000;

    private final AtomicLong now = new AtomicLong(T0);
    private final List<Long> sleeps = new ArrayList<>();
    private final RequestGate gate = new RequestGate(RequestGate.Limits.DEFAULT, now::get, millis -> {
        sleeps.add(millis);
        now.addAndGet(millis);
    }, Duration.ofSeconds(65));

    @Test
    void belowTheShareNothingWaits() throws Exception {
        gate.onResponse(200, headers("X-MBX-USED-WEIGHT-1M", "2159", "X-MBX-ORDER-COUNT-10S", "269"), null);
        gate.awaitTurn(true, "POST /fapi/v1/order");
        assertThat(sleeps).isEmpty();
        assertThat(gate.usedWeight()).isEqualTo(2159);
        assertThat(gate.orders10s()).isEqualTo(269);
    }

    @Test
    void atNinetyPercentOfTheWeightRequestsWaitForTheNextMinute() throws Exception {
        gate.onResponse(200, headers("x-mbx-used-weight-1m", "2160"), null); // 90 % of 2400; any case
        gate.awaitTurn(false, "GET /fapi/v3/account");
        assertThat(sleeps).containsExactly(50_000L);
        assertThat(now.get() % 60_000).isZero();
        assertThat(gate.usedWeight()).isZero(); // a new minute: the old count no longer applies
    }

    @Test
    void orderCountsHoldOrderPlacementsOnly() throws Exception {
        now.addAndGet(3_000); // 12:00:13
        gate.onResponse(200, headers("X-MBX-ORDER-COUNT-10S", "270", "X-MBX-ORDER-COUNT-1M", "300"), null);
        gate.awaitTurn(false, "GET /fapi/v1/openOrders");
        assertThat(sleeps).isEmpty();
        gate.awaitTurn(true, "POST /fapi/v1/order");
        assertThat(sleeps).containsExactly(7_000L); // to 12:00:20
        assertThat(gate.orders10s()).isZero();
        assertThat(gate.orders1m()).isEqualTo(300);
    }

    @Test
    void theOrdersPerMinuteLimitWaitsForTheMinute() throws Exception {
        gate.onResponse(200, headers("X-MBX-ORDER-COUNT-1M", "1080"), null);
        gate.awaitTurn(true, "POST /fapi/v1/algoOrder");
        assertThat(sleeps).containsExactly(50_000L);
    }

    @Test
    void a429HoldsEveryRequestForItsRetryAfter() throws Exception {
        gate.onResponse(429, headers("Retry-After", "7"), "Too many requests; current limit is 2400");
        assertThat(gate.blockedUntil()).contains(Instant.ofEpochMilli(T0 + 7_000));
        gate.awaitTurn(false, "GET /fapi/v1/time");
        assertThat(sleeps).containsExactly(7_000L);
        assertThat(gate.blockedUntil()).isEmpty();
    }

    @Test
    void a429WithoutRetryAfterWaitsForTheNextMinute() throws Exception {
        gate.onResponse(429, headers(), null);
        gate.awaitTurn(false, "GET /fapi/v1/time");
        assertThat(sleeps).containsExactly(50_000L);
    }

    @Test
    void a418BanLongerThanMaxWaitIsARetryWithoutSending() {
        long until = T0 + 600_000;
        gate.onResponse(418, headers(), "Way too many requests; IP banned until " + until + ". Please use the websocket");
        assertThat(gate.blockedUntil()).contains(Instant.ofEpochMilli(until));
        assertThatThrownBy(() -> gate.awaitTurn(false, "GET /fapi/v1/time"))
                .isInstanceOfSatisfying(BinanceException.class, e -> {
                    assertThat(e.handling()).isEqualTo(Handling.RETRY);
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).contains("418");
                });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a418WithoutAnEndIsTwoMinutes() {
        gate.onResponse(418, headers(), null);
        assertThat(gate.blockedUntil()).contains(Instant.ofEpochMilli(T0 + 120_000));
    }

    @Test
    void limitsComeFromExchangeInfo() throws Exception {
        JsonNode info;
        try (InputStream in = getClass().getResourceAsStream("/binance/usdm_rest_exchangeInfo.official_docs.json")) {
            info = new ObjectMapper().readTree(in);
        }
        RequestGate.Limits limits = new RequestGate.Limits(1000, 100, 500, 0.8).withRateLimits(info.get("rateLimits"));
        // The docs' sample lists REQUEST_WEIGHT 2400/min and ORDERS 1200/min, not the 10 s one: that stays.
        assertThat(limits).isEqualTo(new RequestGate.Limits(2400, 100, 1200, 0.8));
        gate.limits(limits);
        gate.onResponse(200, headers("X-MBX-ORDER-COUNT-10S", "80"), null);
        gate.awaitTurn(true, "POST /fapi/v1/order");
        assertThat(sleeps).containsExactly(10_000L);
    }

    @Test
    void metricsShowTheCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BinanceRestMetrics metrics = new BinanceRestMetrics(registry, "testnet", gate);
        gate.onResponse(200, headers("X-MBX-USED-WEIGHT-1M", "37", "X-MBX-ORDER-COUNT-10S", "4"), null);
        metrics.error("-2019");
        metrics.error("-2019");
        metrics.error("timeout");
        assertThat(registry.get("tradeflow.binance.request.weight.used").tag("account", "testnet").gauge().value())
                .isEqualTo(37);
        assertThat(registry.get("tradeflow.binance.orders.10s").gauge().value()).isEqualTo(4);
        assertThat(registry.get("tradeflow.binance.errors").tag("code", "-2019").counter().count()).isEqualTo(2);
        assertThat(registry.get("tradeflow.binance.errors").counters()).hasSize(2);
    }

    /** Case-insensitive, as HTTP headers are. */
    private static Function<String, Optional<String>> headers(String... nameValues) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return name -> Optional.ofNullable(map.get(name));
    }
}
