package io.tradeflow.execution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.execution.PaperReplay;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.execution.Fixtures;
import io.tradeflow.execution.domain.BotRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/orders} over the orders a real run stored: the recorded day's klines up to the close of the
 * bot's first position (an entry, its bracket, the stop, target or exit that closed it, and whatever was denied
 * before) go through the service, and the endpoint lists exactly the in-process run's orders in their latest state,
 * newest first, with the decimals as the events carry them; then its filters, paging and refusals.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class OrderQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    BotRegistry registry;
    @Inject
    Function<Symbol, Optional<SymbolRules>> rules;
    @TestHTTPResource
    URL base;

    @Test
    void theOrdersOfARunNewestFirstFilteredAndPaged() throws Exception {
        BotDefinition bot = Fixtures.bot("exec-orders", Symbol.of("EXECORDERSUSDT"), Venue.PAPER);
        List<KlineClosed> day = Fixtures.day(bot.symbol());
        List<SignalGenerated> daySignals = Fixtures.signals(bot, day);
        long firstClose = run(bot, day, daySignals).stream()
                .filter(o -> o.role() != OrderRole.ENTRY && o.status() == OrderStatus.FILLED)
                .findFirst().orElseThrow().eventTime();
        List<KlineClosed> klines = day.stream().filter(k -> k.openTime() <= firstClose).toList();
        List<SignalGenerated> signals = daySignals.stream().filter(s -> s.klineOpenTime() <= firstClose).toList();
        List<OrderUpdated> expected = latestNewestFirst(run(bot, klines, signals));
        assertThat(expected).extracting(OrderUpdated::status).contains(OrderStatus.FILLED, OrderStatus.CANCELED);

        Fixtures.send(bootstrap, List.of(bot));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get(bot.botId()).isPresent());
        Fixtures.send(bootstrap, klines);
        Fixtures.send(bootstrap, Fixtures.signalTopic(klines, signals));

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                described(get("/api/v1/orders?botId=exec-orders&limit=1000"))).isEqualTo(described(expected)));

        JsonNode page = JSON.readTree(get("/api/v1/orders?symbol=execordersusdt&limit=2&offset=1").body());
        assertThat(page.get("total").asLong()).isEqualTo(expected.size());
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(described(page)).isEqualTo(described(expected.subList(1, 3)));

        assertThat(described(get("/api/v1/orders?botId=exec-orders&status=filled"))).isEqualTo(described(
                expected.stream().filter(o -> o.status() == OrderStatus.FILLED).toList()));
        long entered = expected.stream().filter(o -> o.role() == OrderRole.ENTRY && o.status() == OrderStatus.FILLED)
                .findFirst().orElseThrow().eventTime();
        assertThat(described(get("/api/v1/orders?botId=exec-orders&from=" + entered + "&to=" + entered)))
                .isEqualTo(described(expected.stream().filter(o -> o.eventTime() == entered).toList()));
        assertThat(get("/api/v1/orders?botId=nobody").body()).contains("\"total\":0");

        assertField("/api/v1/orders?limit=0", "limit");
        assertField("/api/v1/orders?limit=1001", "limit");
        assertField("/api/v1/orders?offset=-1", "offset");
        assertField("/api/v1/orders?from=yesterday", "from");
        assertField("/api/v1/orders?from=2&to=1", "to");
        assertField("/api/v1/orders?status=OPEN", "status");
        assertField("/api/v1/orders?symbol=btc-usdt", "symbol");
    }

    private List<OrderUpdated> run(BotDefinition bot, List<KlineClosed> klines, List<SignalGenerated> signals) {
        return PaperReplay.orders(List.of(bot), klines, signals, rules, PaperSettings.DEFAULTS, RiskLimits.DEFAULTS);
    }

    /** Each order's last event, newest first (then by client order id, descending), as the endpoint sorts. */
    private static List<OrderUpdated> latestNewestFirst(List<OrderUpdated> events) {
        Map<String, OrderUpdated> latest = new LinkedHashMap<>();
        events.forEach(event -> latest.put(event.clientOrderId(), event));
        return latest.values().stream().sorted(Comparator.comparingLong(OrderUpdated::eventTime)
                .thenComparing(OrderUpdated::clientOrderId).reversed()).toList();
    }

    private static List<String> described(List<OrderUpdated> orders) {
        return orders.stream().map(o -> String.join(" ", o.clientOrderId(), o.botId(), o.symbol().value(),
                o.role().name(), o.side().name(), o.type().name(), plain(o.quantity()), plain(o.triggerPrice()),
                o.status().name(), plain(o.filledQuantity()), plain(o.averagePrice()), String.valueOf(o.denyReason()),
                Long.toString(o.eventTime()))).toList();
    }

    private static List<String> described(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return described(JSON.readTree(response.body()));
    }

    private static List<String> described(JsonNode page) {
        List<String> orders = new ArrayList<>();
        for (JsonNode o : page.get("items")) {
            orders.add(String.join(" ", text(o, "clientOrderId"), text(o, "botId"), text(o, "symbol"),
                    text(o, "role"), text(o, "side"), text(o, "type"), text(o, "quantity"), text(o, "triggerPrice"),
                    text(o, "status"), text(o, "filledQuantity"), text(o, "averagePrice"), text(o, "denyReason"),
                    text(o, "eventTime")));
        }
        return orders;
    }

    private static String text(JsonNode order, String field) {
        JsonNode value = order.get(field);
        return value == null || value.isNull() ? "null" : value.asText();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "null" : value.toPlainString();
    }

    private void assertField(String path, String field) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo(field);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
