package io.tradeflow.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeflow.core.domain.PositionChange;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.DevStackExtension;
import io.tradeflow.devstack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static io.tradeflow.pipeline.PaperFills.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * position-service as deployed ({@code java -jar}) at the end of the paper pipeline ({@link PaperPipeline}): the
 * recorded day replayed at speed max becomes a paper bot's fills on {@code orders.v1}, and position-service books
 * them in PostgreSQL (schema {@code position}) and on {@code positions.v1}. Its accounting is checked against the paper
 * venue's own, from the in-process run ({@link PaperFills}): every fill's realized PnL, and the realized PnL, fees and
 * net PnL of every closed position, exactly; and the closed positions are the backtest engine's trades for the same
 * bot, day and settings ({@code bin/backtest}'s). Then the same with position-service killed ({@code kill -9}) halfway
 * through the bot's fills and started again: every fill booked once, every event published once, and the bot's
 * statistics row equal to the fold of its closed positions.
 */
@ExtendWith(DevStackExtension.class)
class PositionPipelineTest {
    private static final Path WORK = Path.of(System.getProperty("tradeflow.repository", ".."))
            .toAbsolutePath().resolve("pipeline-tests/target/position-pipeline");
    /** The margin asset of a USD-M bot, which its PnL, fees and statistics are in. */
    private static final String USDT = "USDT";
    private static final Duration BOOKED_TIMEOUT = Duration.ofMinutes(3);

    private static final BotDefinition STRAIGHT = PaperPipeline.bot("position-pipeline-straight", Symbol.of("PIPEPOSUSDT"));
    private static final BotDefinition KILLED = PaperPipeline.bot("position-pipeline-killed", Symbol.of("PIPEPOSKILLUSDT"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Endpoints endpoints;
    private static ServiceProcess positionService;
    private static PaperPipeline pipeline;
    private static PositionTables tables;

    @BeforeAll
    static void startServices(Endpoints devstack) {
        endpoints = devstack;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers());
        config.put("quarkus.redis.hosts", endpoints.redisUrl());
        config.put("quarkus.datasource.jdbc.url", endpoints.jdbcUrl());
        config.put("quarkus.datasource.username", endpoints.username());
        config.put("quarkus.datasource.password", endpoints.password());
        positionService = new ServiceProcess("position-service", config);
        pipeline = PaperPipeline.start(endpoints, WORK, List.of(STRAIGHT, KILLED), List.of(positionService));
        tables = new PositionTables(endpoints);
    }

    @AfterAll
    static void stopServices() {
        if (tables != null) {
            tables.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void closedPositionsHoldThePaperVenuesRealizedPnlExactly() {
        PaperFills expected = expected(STRAIGHT);

        try (var events = positionEvents(STRAIGHT);
             var marketData = pipeline.replay(STRAIGHT)) {
            awaitBooked(STRAIGHT, expected, events);

            List<PositionTables.ClosedRow> closed = tables.closedPositions(STRAIGHT.botId());
            BigDecimal realized = sum(closed, PositionTables.ClosedRow::realizedPnl);
            assertThat(realized).as("sum of realized_pnl of the bot's closed positions is %s; the paper venue's is %s",
                    plain(realized), plain(expected.realizedPnl())).isEqualByComparingTo(expected.realizedPnl());
            assertThat(closed).as("closed positions").hasSize(expected.closed().size());
            assertThat(closed).as("converted_fees: every fee is in USDT")
                    .allSatisfy(row -> assertThat(row.convertedFees()).isZero());
            assertThat(described(closed)).as("each closed position: realized PnL, fees, net = realized - fees")
                    .isEqualTo(expected.closedDescribed());
            BigDecimal net = sum(closed, PositionTables.ClosedRow::netRealizedPnl);
            assertThat(net).as("sum of net_realized_pnl is %s; the paper venue's realized PnL less fees is %s",
                    plain(net), plain(expected.netRealizedPnl())).isEqualByComparingTo(expected.netRealizedPnl());
            assertThat(plainValues(tables.tradeRealizedPnl(STRAIGHT.botId())))
                    .as("each fill's realized PnL in trades, and the paper venue's (OrderUpdated.realizedPnl)")
                    .isEqualTo(plainValues(expected.realizedByTrade()));
            assertThat(closedEvents(eventsOf(events, STRAIGHT))).as("the CLOSED events on positions.v1")
                    .isEqualTo(expected.closedDescribed());
            Map<String, String> backtest = new LinkedHashMap<>();
            ExecutionPipelineTest.backtest(STRAIGHT).trades().forEach(trade -> backtest.put(trade.positionId(),
                    PaperFills.Closed.described(trade.position().realizedPnl(), trade.marginFees(), trade.netRealizedPnl())));
            assertThat(described(closed)).as("each closed position of position-service and of the backtest engine for the "
                    + "same bot, day and settings: realized PnL, fees, net").isEqualTo(backtest);

            JsonNode page = get("/api/v1/positions?status=closed&size=500&botId=" + STRAIGHT.botId());
            BigDecimal restRealized = BigDecimal.ZERO;
            for (JsonNode position : page.get("items")) {
                restRealized = restRealized.add(new BigDecimal(position.get("realizedPnl").asText()));
            }
            assertThat(page.get("total").asLong()).as("closed positions from the REST API").isEqualTo(expected.closed().size());
            assertThat(restRealized).as("sum of realizedPnl from GET /api/v1/positions is %s", plain(restRealized))
                    .isEqualByComparingTo(expected.realizedPnl());
        }
    }

    @Test
    void positionServiceKilledHalfwayBooksEveryFillOnce() {
        PaperFills expected = expected(KILLED);
        int fills = expected.tradeKeys().size();

        try (var events = positionEvents(KILLED);
             var marketData = pipeline.replay(KILLED)) {
            await().alias("half of the fills booked").atMost(BOOKED_TIMEOUT)
                    .until(() -> tables.trades(KILLED.botId()) >= fills / 2);
            positionService.kill();
            int atKill = tables.trades(KILLED.botId());
            positionService.start();
            awaitBooked(KILLED, expected, events);

            assertThat(atKill).as("fills booked when position-service was killed (of %d)", fills).isBetween(1, fills - 1);
            assertThat(plainValues(tables.tradeRealizedPnl(KILLED.botId())))
                    .as("one trades row per fill of the in-process run, with the paper venue's realized PnL")
                    .isEqualTo(plainValues(expected.realizedByTrade()));
            List<PositionChanged> published = eventsOf(events, KILLED);
            assertThat(duplicates(published)).as("PositionChanged events published twice"
                    + " (see pipeline-tests/target/service-logs/position-service-*.log)").isEmpty();
            assertThat(published.stream().map(PositionChanged::eventId).toList())
                    .as("the bot's events on positions.v1, in order").containsExactlyElementsOf(expected.eventIds());
            assertThat(tables.eventIds(KILLED.botId())).as("the bot's rows in position_events")
                    .containsExactlyInAnyOrderElementsOf(expected.eventIds());

            List<PositionTables.ClosedRow> closed = tables.closedPositions(KILLED.botId());
            assertThat(described(closed)).as("each closed position: realized PnL, fees, net = realized - fees")
                    .isEqualTo(expected.closedDescribed());
            Statistics folded = Statistics.NONE;
            for (PositionTables.ClosedRow row : closed) {
                folded = folded.add(row.netRealizedPnl(), row.fees().add(row.convertedFees()), row.rMultiple());
            }
            assertThat(folded.netPnl()).as("net PnL of the closed positions is %s; the paper venue's is %s",
                    plain(folded.netPnl()), plain(expected.netRealizedPnl())).isEqualByComparingTo(expected.netRealizedPnl());
            assertThat(tables.statistics(KILLED.botId(), USDT).map(PositionPipelineTest::described))
                    .as("the bot_statistics row, and the fold of the closed positions in the order they closed")
                    .contains(described(folded));
            JsonNode statistics = get("/api/v1/bots/" + KILLED.botId() + "/statistics");
            assertThat(statistics.size()).as("statistics entries (one per margin asset): %s", statistics).isEqualTo(1);
            assertThat(restDescribed(statistics.get(0))).as("GET /api/v1/bots/%s/statistics", KILLED.botId())
                    .isEqualTo(restDescribed(folded));
        }
    }

    /** The in-process run's fills of the bot over the recorded day. */
    private static PaperFills expected(BotDefinition bot) {
        List<KlineClosed> klines = RecordedDay.closed(bot.symbol());
        List<SignalGenerated> signals = PaperPipeline.signals(bot, klines);
        PaperFills expected = PaperFills.of(pipeline.orders(bot, klines, signals));
        assertThat(expected.closed()).as("the day must close positions to book").hasSizeGreaterThan(3);
        return expected;
    }

    /**
     * Waits until position-service has a trades row for every fill and positions.v1 every event of the bot, then
     * reads the topic 3 s longer, so that an extra (duplicate) event would show.
     */
    private static void awaitBooked(BotDefinition bot, PaperFills expected, TopicRecords<PositionChanged> events) {
        await().alias(expected.tradeKeys().size() + " fills of " + bot.botId() + " booked and "
                        + expected.eventIds().size() + " events on positions.v1").atMost(BOOKED_TIMEOUT)
                .until(() -> tables.trades(bot.botId()) >= expected.tradeKeys().size()
                        && eventsOf(events.poll(), bot).size() >= expected.eventIds().size());
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            events.poll();
        }
    }

    private static TopicRecords<PositionChanged> positionEvents(BotDefinition bot) {
        return new TopicRecords<>(endpoints.kafkaBootstrapServers(), Topics.POSITIONS, bot.symbol().value(),
                PositionChanged.class);
    }

    private static List<PositionChanged> eventsOf(TopicRecords<PositionChanged> events, BotDefinition bot) {
        return events.all().stream().filter(event -> event.botId().equals(bot.botId())).toList();
    }

    /** Event ids that occur more than once, with their count. */
    private static Map<String, Long> duplicates(List<PositionChanged> events) {
        Map<String, Long> counts = new LinkedHashMap<>();
        events.forEach(event -> counts.merge(event.eventId(), 1L, Long::sum));
        counts.values().removeIf(count -> count == 1);
        return counts;
    }

    /** The CLOSED events, by position id, described as {@link PaperFills.Closed#described}. */
    private static Map<String, String> closedEvents(List<PositionChanged> events) {
        Map<String, String> closed = new LinkedHashMap<>();
        events.stream().filter(event -> event.change() == PositionChange.CLOSED).forEach(event -> closed.put(
                event.positionId(), PaperFills.Closed.described(event.realizedPnl(), event.fees(), event.netRealizedPnl())));
        return closed;
    }

    private static Map<String, String> described(List<PositionTables.ClosedRow> closed) {
        Map<String, String> described = new LinkedHashMap<>();
        closed.forEach(row -> described.put(row.positionId(), row.described()));
        return described;
    }

    /** Every figure of the statistics, without trailing zeros. */
    private static String described(Statistics s) {
        return "positions " + s.positions() + ", wins " + s.wins() + ", losses " + s.losses() + ", grossProfit "
                + plain(s.grossProfit()) + ", grossLoss " + plain(s.grossLoss()) + ", netPnl " + plain(s.netPnl())
                + ", fees " + plain(s.fees()) + ", peak " + plain(s.peak()) + ", maxDrawdown " + plain(s.maxDrawdown())
                + ", rTotal " + plain(s.rTotal()) + ", rCount " + s.rCount();
    }

    /** The figures the REST statistics view and {@link Statistics} share. */
    private static String restDescribed(Statistics s) {
        return "marginAsset " + USDT + ", positions " + s.positions() + ", wins " + s.wins() + ", losses " + s.losses()
                + ", netPnl " + plain(s.netPnl()) + ", grossProfit " + plain(s.grossProfit()) + ", grossLoss "
                + plain(s.grossLoss()) + ", fees " + plain(s.fees()) + ", maxDrawdown " + plain(s.maxDrawdown())
                + ", averageR " + plain(s.averageR().orElse(null));
    }

    private static String restDescribed(JsonNode view) {
        return "marginAsset " + view.get("marginAsset").asText() + ", positions " + view.get("positions").asLong()
                + ", wins " + view.get("wins").asLong() + ", losses " + view.get("losses").asLong()
                + ", netPnl " + decimal(view, "netPnl") + ", grossProfit " + decimal(view, "grossProfit")
                + ", grossLoss " + decimal(view, "grossLoss") + ", fees " + decimal(view, "fees")
                + ", maxDrawdown " + decimal(view, "maxDrawdown") + ", averageR " + decimal(view, "averageR");
    }

    /** A decimal field of the REST API (a string, or null) as {@link PaperFills#plain}. */
    private static String decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "null" : plain(new BigDecimal(value.asText()));
    }

    private static Map<String, String> plainValues(Map<String, BigDecimal> values) {
        Map<String, String> plain = new TreeMap<>();
        values.forEach((key, value) -> plain.put(key, PaperFills.plain(value)));
        return plain;
    }

    private static <T> BigDecimal sum(List<T> rows, Function<T, BigDecimal> amount) {
        return rows.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** GETs {@code path} from position-service and reads the JSON answer; anything but 200 fails. */
    private static JsonNode get(String path) {
        var uri = URI.create("http://127.0.0.1:" + positionService.port() + path);
        try (var client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
