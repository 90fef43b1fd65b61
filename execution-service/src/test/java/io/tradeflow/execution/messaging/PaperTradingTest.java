package io.tradeflow.execution.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.Event;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service on the devstack's Kafka and PostgreSQL: a recorded day of klines and the signals sma-crossover computes
 * on it (with signal-service's watermarks) in, and on orders.v1 exactly the orders of the in-process run of
 * trading-core's Trader and paper venue, whatever order klines and signals arrive in and however often a signal
 * comes. Each test trades its own symbol (rules for the test symbols: {@code exchange-info/test-symbols.json}).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class PaperTradingTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    BotRegistry registry;
    @Inject
    Function<Symbol, Optional<SymbolRules>> rules;
    @Inject
    DataSource dataSource;

    @Test
    void klinesFarAheadOfTheirSignalsGiveTheOrdersOfTheInProcessRun() throws SQLException {
        Run run = new Run("exec-ahead", Symbol.of("EXECAHEADUSDT"));
        run.start();

        Fixtures.send(bootstrap, run.klines);
        Fixtures.send(bootstrap, run.signalTopic());

        run.assertOrders();
        assertThat(intents(run.bot.botId())).as("one intent per order of the in-process run")
                .isEqualTo(run.expected.stream().map(o -> EventCodec.decode(o, OrderUpdated.class).clientOrderId()).distinct().count());
    }

    @Test
    void signalsAheadOfTheirKlinesGiveTheSameOrders() {
        Run run = new Run("exec-behind", Symbol.of("EXECBEHINDUSDT"));
        run.start();

        Fixtures.send(bootstrap, run.signalTopic());
        Fixtures.send(bootstrap, run.klines);

        run.assertOrders();
    }

    @Test
    void everySignalDeliveredTwiceGivesEveryOrderOnce() {
        Run run = new Run("exec-twice", Symbol.of("EXECTWICEUSDT"));
        run.start();
        List<Event> twice = new ArrayList<>();
        for (Event event : run.signalTopic()) {
            twice.add(event);
            twice.add(event);
        }

        Fixtures.send(bootstrap, run.klines);
        Fixtures.send(bootstrap, twice);

        run.assertOrders();
    }

    @Test
    void aLiveBotIsDeniedWhileItsBinanceAccountIsNotConfigured() {
        // The tests configure the testnet account only (the fake of BinanceFakeResource); live has no key.
        Symbol symbol = Symbol.of("EXECTESTNETUSDT");
        BotDefinition bot = Fixtures.bot("exec-live", symbol, Venue.LIVE);
        start(bot);
        List<KlineClosed> klines = Fixtures.day(symbol).subList(0, 300);
        List<SignalGenerated> signals = Fixtures.signals(bot, klines);
        assertThat(signals).isNotEmpty();

        Fixtures.send(bootstrap, klines);
        Fixtures.send(bootstrap, Fixtures.signalTopic(klines, signals));

        long entries = signals.stream().filter(s -> s.action().isEntry()).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> orders(bot.botId()).size() >= entries);
        assertThat(orders(bot.botId())).allSatisfy(order -> {
            assertThat(order.status().name()).isEqualTo("DENIED");
            assertThat(order.denyReason()).isEqualTo("venue-unavailable");
        });
    }

    @Test
    void anUnreadableSignalGoesToTheDeadLetterTopicAndTheStreamGoesOn() {
        Run run = new Run("exec-poison", Symbol.of("EXECPOISONUSDT"));
        run.start();
        byte[] poison = "{\"eventType\":\"SignalGenerated\",\"botId\":".getBytes(StandardCharsets.UTF_8);

        Fixtures.sendRaw(bootstrap, Topics.SIGNALS, run.bot.symbol().value(), poison);
        Fixtures.send(bootstrap, run.klines);
        Fixtures.send(bootstrap, run.signalTopic());

        run.assertOrders();
        assertThat(Fixtures.readAll(bootstrap, Topics.dlq(Topics.SIGNALS))).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(run.bot.symbol().value());
            assertThat(record.value()).isEqualTo(poison);
            assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("not valid JSON");
        });
    }

    @Test
    void aBotWhoseLatestRecordIsUnreadableIsDeadLetteredAndRemovedAsTheStagesDo() {
        Run run = new Run("exec-spoilt", Symbol.of("EXECSPOILTUSDT"));
        run.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get(run.bot.botId()).isPresent());

        Fixtures.sendRaw(bootstrap, Topics.BOTS, run.bot.botId(), "{not a bot".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get(run.bot.botId()).isEmpty());
        assertThat(Fixtures.readAll(bootstrap, Topics.dlq(Topics.BOTS))).anySatisfy(record ->
                assertThat(record.key()).isEqualTo(run.bot.botId()));
    }

    private List<OrderUpdated> orders(String botId) {
        return Fixtures.readAll(bootstrap, Topics.ORDERS).stream()
                .map(record -> EventCodec.decode(record.value(), OrderUpdated.class))
                .filter(order -> order.botId().equals(botId)).toList();
    }

    private void start(BotDefinition bot) {
        Fixtures.send(bootstrap, List.of(bot));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get(bot.botId()).isPresent());
    }

    private long intents(String botId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from order_intents where bot_id = ?")) {
            count.setString(1, botId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** One bot over the recorded day, and the orders the in-process run gives. */
    private final class Run {
        final BotDefinition bot;
        final List<KlineClosed> klines;
        final List<SignalGenerated> signals;
        final List<String> expected;

        Run(String botId, Symbol symbol) {
            bot = Fixtures.bot(botId, symbol, Venue.PAPER);
            klines = Fixtures.day(symbol);
            signals = Fixtures.signals(bot, klines);
            expected = PaperReplay.orders(List.of(bot), klines, signals, rules, PaperSettings.DEFAULTS, RiskLimits.DEFAULTS)
                    .stream().map(Fixtures::describe).toList();
            assertThat(expected).as("the day must trade: entries, brackets, fills").hasSizeGreaterThan(10);
        }

        void start() {
            PaperTradingTest.this.start(bot);
        }

        List<Event> signalTopic() {
            return Fixtures.signalTopic(klines, signals);
        }

        void assertOrders() {
            await().atMost(Duration.ofMinutes(2)).until(() -> Fixtures.ordersOf(bootstrap, bot.botId()).size() >= expected.size());
            // A little longer, so that an extra (duplicate) order would show.
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            assertThat(Fixtures.ordersOf(bootstrap, bot.botId())).containsExactlyElementsOf(expected);
        }
    }
}
