package io.tradeflow.execution.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.execution.ClientOrderIds;
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
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A bot stopped with {@code closePosition} on bots.v1: at its next kline its paper position is closed by one
 * reduce-only MARKET EXIT, close reason MANUAL, filled at the kline's close as an exit signal's order would be, its
 * bracket canceled, the position gone from PostgreSQL; the same definition published again (and the state reloaded
 * from PostgreSQL, as after a restart) places nothing more. The recorded day up to the bot's first entry opens the
 * position.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class StopAndCloseTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    BotRegistry registry;
    @Inject
    ExecutionState state;
    @Inject
    Function<Symbol, Optional<SymbolRules>> rules;
    @Inject
    DataSource dataSource;

    @Test
    void aStopWithClosePositionClosesThePositionOnceAtTheNextKline() throws SQLException {
        BotDefinition bot = Fixtures.bot("exec-close", Symbol.of("EXECCLOSEUSDT"), Venue.PAPER);
        List<KlineClosed> day = Fixtures.day(bot.symbol());
        List<SignalGenerated> daySignals = Fixtures.signals(bot, day);
        SignalGenerated entry = daySignals.stream().filter(s -> s.action().isEntry()).findFirst().orElseThrow();
        List<KlineClosed> klines = day.stream().filter(k -> k.openTime() <= entry.klineOpenTime()).toList();
        List<SignalGenerated> signals = daySignals.stream().filter(s -> s.klineOpenTime() <= entry.klineOpenTime()).toList();
        KlineClosed next = day.get(klines.size());
        KlineClosed after = day.get(klines.size() + 1);
        List<String> opening = inProcess(bot, klines, signals);
        assertThat(inProcess(bot, day.subList(0, klines.size() + 1), signals))
                .as("the next kline reaches neither the stop nor the target").isEqualTo(opening);
        OrderUpdated entryFill = opening.stream().map(o -> EventCodec.decode(o, OrderUpdated.class))
                .filter(o -> o.role() == OrderRole.ENTRY && o.status() == OrderStatus.FILLED).findFirst().orElseThrow();

        Fixtures.send(bootstrap, List.of(bot));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get(bot.botId()).isPresent());
        Fixtures.send(bootstrap, klines);
        Fixtures.send(bootstrap, Fixtures.signalTopic(klines, signals));
        await().atMost(Duration.ofMinutes(1)).until(() -> orders(bot).size() >= opening.size());
        assertThat(orders(bot).stream().map(Fixtures::describe).toList()).isEqualTo(opening);

        long now = System.currentTimeMillis();
        BotDefinition stop = new BotDefinition(bot.botId(), bot.name(), bot.market(), bot.symbol(), bot.interval(),
                bot.strategy(), bot.risk(), bot.venue(), BotStatus.STOPPED, true, now, now);
        Fixtures.send(bootstrap, List.of(stop));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get(bot.botId()).orElseThrow().equals(stop));
        Fixtures.send(bootstrap, List.of(next));
        Fixtures.send(bootstrap, Fixtures.signalTopic(List.of(next), List.of()));

        await().atMost(Duration.ofMinutes(1)).until(() -> orders(bot).size() >= opening.size() + 4);
        List<OrderUpdated> closing = orders(bot).subList(opening.size(), opening.size() + 4);
        Side side = entry.action() == SignalAction.ENTER_LONG ? Side.SELL : Side.BUY;
        // The exit signal's fill on this kline: its close moved 2 bps (slippage) against the trader, to the tick.
        BigDecimal slipped = next.close().multiply(side == Side.SELL ? new BigDecimal("0.9998") : new BigDecimal("1.0002"));
        BigDecimal price = rules.apply(bot.symbol()).orElseThrow().roundFillPrice(side, slipped);
        assertThat(closing).extracting(OrderUpdated::role, OrderUpdated::status).containsExactly(
                tuple(OrderRole.EXIT, OrderStatus.NEW),
                tuple(OrderRole.EXIT, OrderStatus.FILLED),
                tuple(OrderRole.STOP_LOSS, OrderStatus.CANCELED),
                tuple(OrderRole.TAKE_PROFIT, OrderStatus.CANCELED));
        OrderUpdated fill = closing.get(1);
        assertThat(fill.clientOrderId()).isEqualTo(ClientOrderIds.ofClose(stop));
        assertThat(fill.closeReason()).isEqualTo(CloseReason.MANUAL);
        assertThat(fill.signalId()).isNull();
        assertThat(fill.reduceOnly()).isTrue();
        assertThat(fill.side()).isEqualTo(side);
        assertThat(fill.quantity()).isEqualByComparingTo(entryFill.quantity());
        assertThat(fill.averagePrice()).isEqualByComparingTo(price);
        assertThat(fill.eventTime()).isEqualTo(next.eventTime());
        assertThat(openPositions(bot)).as("flat in PostgreSQL").isZero();

        // The same definition again, with the state reloaded from PostgreSQL as after a restart; then one more step,
        // with an entry still in flight when the bot stopped: it is denied, and nothing else happens.
        state.invalidate();
        Fixtures.send(bootstrap, List.of(stop));
        SignalGenerated inFlight = new SignalGenerated(bot.botId(), "sma-crossover", bot.symbol(), Interval.ONE_MINUTE,
                after.openTime(), SignalAction.ENTER_LONG, after.close(), after.close().subtract(BigDecimal.TEN),
                after.close().add(BigDecimal.TEN), "in flight when the bot stopped", after.eventTime(),
                System.currentTimeMillis());
        Fixtures.send(bootstrap, List.of(after));
        Fixtures.send(bootstrap, Fixtures.signalTopic(List.of(after), List.of(inFlight)));

        await().atMost(Duration.ofMinutes(1)).until(() -> orders(bot).size() >= opening.size() + 5);
        List<OrderUpdated> rest = orders(bot).subList(opening.size() + 4, orders(bot).size());
        assertThat(rest).singleElement().satisfies(denied -> {
            assertThat(denied.role()).isEqualTo(OrderRole.ENTRY);
            assertThat(denied.denyReason()).isEqualTo("bot-not-running");
        });
    }

    /** The in-process run's order events (comparable form). */
    private List<String> inProcess(BotDefinition bot, List<KlineClosed> klines, List<SignalGenerated> signals) {
        return PaperReplay.orders(List.of(bot), klines, signals, rules, PaperSettings.DEFAULTS, RiskLimits.DEFAULTS)
                .stream().map(Fixtures::describe).toList();
    }

    private List<OrderUpdated> orders(BotDefinition bot) {
        return Fixtures.readAll(bootstrap, Topics.ORDERS).stream()
                .map(record -> EventCodec.decode(record.value(), OrderUpdated.class))
                .filter(order -> order.botId().equals(bot.botId())).toList();
    }

    private long openPositions(BotDefinition bot) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from paper_positions where bot_id = ?")) {
            count.setString(1, bot.botId());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
