package io.tradeflow.execution.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.MarginType;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.RiskSpec;
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

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kill switch over the recorded day: a bot trading 100 000 USDT of notional on a 10 000 USDT wallet loses its
 * daily 5 % on the day's stop-outs; the entry that finds the breach is denied {@code daily-loss-limit}, later ones
 * {@code halted}, exactly as in the in-process run; the halt is in PostgreSQL and over REST, and a resume lifts it.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class KillSwitchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    BotRegistry registry;
    @Inject
    Function<Symbol, Optional<SymbolRules>> rules;
    @Inject
    DataSource dataSource;
    @TestHTTPResource
    URL base;

    @Test
    void aBotThatLostItsDailyLimitIsHaltedUntilResumed() throws Exception {
        BotDefinition template = Fixtures.bot("exec-kill", Symbol.of("EXECKILLUSDT"), Venue.PAPER);
        BotDefinition bot = new BotDefinition(template.botId(), template.name(), template.market(), template.symbol(),
                template.interval(), template.strategy(), new RiskSpec(new BigDecimal("5000"), 20, MarginType.ISOLATED, 1),
                template.venue(), template.status(), false, template.eventTime(), template.producedAt());
        List<KlineClosed> klines = Fixtures.day(bot.symbol());
        List<SignalGenerated> signals = Fixtures.signals(bot, klines);
        List<String> expected = PaperReplay.orders(List.of(bot), klines, signals, rules, PaperSettings.DEFAULTS,
                RiskLimits.DEFAULTS).stream().map(Fixtures::describe).toList();
        List<String> reasons = expected.stream().map(o -> EventCodec.decode(o, OrderUpdated.class).denyReason())
                .filter(r -> r != null).distinct().toList();
        assertThat(reasons).as("the day must trip the kill switch").contains("daily-loss-limit", "halted");

        Fixtures.send(bootstrap, List.of(bot));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get(bot.botId()).isPresent());
        Fixtures.send(bootstrap, klines);
        Fixtures.send(bootstrap, Fixtures.signalTopic(klines, signals));

        await().atMost(Duration.ofMinutes(2)).until(() -> Fixtures.ordersOf(bootstrap, bot.botId()).size() >= expected.size());
        assertThat(Fixtures.ordersOf(bootstrap, bot.botId())).containsExactlyElementsOf(expected);

        assertThat(storedHalt()).as("the halt survives a restart: it is in PostgreSQL").isEqualTo("daily-loss-limit");
        HttpResponse<String> halt = get("/api/v1/bots/exec-kill/halt");
        assertThat(halt.statusCode()).isEqualTo(200);
        assertThat(halt.body()).contains("\"reason\":\"daily-loss-limit\"");
        HttpResponse<String> halts = get("/api/v1/halts");
        assertThat(halts.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(halts.body()).findValuesAsText("botId")).as("GET /api/v1/halts").contains("exec-kill");
        double haltedBefore = haltedBots();
        assertThat(haltedBefore).as("tradeflow_execution_halted_bots (the kill-switch alert's metric)").isGreaterThanOrEqualTo(1);

        HttpResponse<String> resumed = post("/api/v1/bots/exec-kill/resume");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.body()).contains("\"resumed\":true");
        assertThat(get("/api/v1/bots/exec-kill/halt").statusCode()).isEqualTo(404);
        assertThat(haltedBots()).as("tradeflow_execution_halted_bots after the resume").isEqualTo(haltedBefore - 1);
        assertThat(JSON.readTree(get("/api/v1/halts").body()).findValuesAsText("botId")).as("GET /api/v1/halts after the"
                + " resume").doesNotContain("exec-kill");
        assertThat(storedHalt()).as("kept, marked resumed, until the next entry restarts the loss limits")
                .isEqualTo("daily-loss-limit resumed");

        HttpResponse<String> again = post("/api/v1/bots/exec-kill/resume");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(again.body()).contains("exec-kill is not halted");

        String metrics = get("/q/metrics").body();
        assertThat(metrics).contains("tradeflow_orders_denied_total{reason=\"daily-loss-limit\"} 1.0")
                .contains("tradeflow_execution_kline_to_order_seconds_count")
                .contains("tradeflow_paper_positions_open");
        HttpResponse<String> ready = get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"execution\"").contains("\"bots-loaded\": true");
    }

    private String storedHalt() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select reason, resumed from bot_halts where bot_id = 'exec-kill'");
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getString(1) + (rs.getBoolean(2) ? " resumed" : "") : null;
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The value of the gauge tradeflow_execution_halted_bots on /q/metrics. */
    private double haltedBots() throws Exception {
        return get("/q/metrics").body().lines().filter(line -> line.startsWith("tradeflow_execution_halted_bots "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no tradeflow_execution_halted_bots on /q/metrics"));
    }
}
