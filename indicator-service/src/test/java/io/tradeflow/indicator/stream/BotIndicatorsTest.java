package io.tradeflow.indicator.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.event.StrategySpec;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.indicator.cache.CandleHistory;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import io.tradeflow.indicator.domain.SeriesKey;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class BotIndicatorsTest {
    /** sma-crossover with these periods reads sma(50), sma(100), lowest(10) and highest(10). */
    private static final Map<String, String> FAST_50_SLOW_100 = Map.of("fast", "50", "slow", "100");
    private static final Set<String> BOT_INDICATORS = Set.of("sma(50)", "sma(100)", "lowest(10)", "highest(10)");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    IndicatorRequirements requirements;
    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry meters;

    @Test
    void aRunningBotsIndicatorsAreAddedToItsSeriesAndAnInvalidBotIsIgnored() {
        Symbol symbol = Symbol.of("BOTTESTUSDT");
        Symbol invalidSymbol = Symbol.of("BADBOTTESTUSDT");
        double ignoredBefore = meters.counter("tradeflow.bots.ignored").count();
        TestKafka.send(bootstrap, List.of(
                bot("ind-bot-valid", symbol, FAST_50_SLOW_100),
                bot("ind-bot-invalid", invalidSymbol, Map.of("fast", "300", "slow", "100"))));
        await().until(() -> requirements.of(key(symbol)).containsAll(BOT_INDICATORS));
        // Read and refused, not merely not read yet.
        await().until(() -> meters.counter("tradeflow.bots.ignored").count() > ignoredBefore);

        List<KlineClosed> klines = RecordedDay.closed(symbol).subList(0, 120);
        List<KlineClosed> invalidBotKlines = RecordedDay.closed(invalidSymbol).subList(0, 3);
        TestKafka.send(bootstrap, klines);
        TestKafka.send(bootstrap, invalidBotKlines);

        List<IndicatorsComputed> published = TestKafka.snapshots(bootstrap, symbol, klines.size());
        assertThat(InProcess.comparable(published))
                .containsExactlyElementsOf(InProcess.comparable(InProcess.apply(InProcess.series(symbol, union(BOT_INDICATORS)), klines)));
        assertThat(published.get(49).values()).containsKey("sma(50)");
        assertThat(TestKafka.snapshots(bootstrap, invalidSymbol, 3)).hasSize(3)
                .allSatisfy(s -> assertThat(s.values().keySet()).isSubsetOf(InProcess.DEFAULTS));
        assertThat(requirements.of(key(invalidSymbol))).isEqualTo(new TreeSet<>(InProcess.DEFAULTS));
    }

    @Test
    void aBotStartedOnALiveSeriesGetsItsIndicatorsWarmedFromTheCachedCandles() {
        Symbol symbol = Symbol.of("LATEBOTTESTUSDT");
        List<KlineClosed> klines = RecordedDay.closed(symbol).subList(0, 101);
        TestKafka.send(bootstrap, klines.subList(0, 100));
        assertThat(TestKafka.snapshots(bootstrap, symbol, 100)).hasSize(100);
        // market-data keeps the candles; here the test plays its part.
        var list = redis.list(String.class);
        klines.subList(0, 100).forEach(kline -> list.rpush(CandleHistory.key(key(symbol)), EventCodec.encodeToString(kline)));

        TestKafka.send(bootstrap, List.of(bot("ind-bot-late", symbol, FAST_50_SLOW_100)));
        await().until(() -> requirements.of(key(symbol)).containsAll(BOT_INDICATORS));
        TestKafka.send(bootstrap, klines.subList(100, 101));

        IndicatorsComputed last = TestKafka.snapshots(bootstrap, symbol, 101).getLast();
        IndicatorSeries uninterrupted = InProcess.series(symbol, union(BOT_INDICATORS));
        IndicatorsComputed expected = InProcess.apply(uninterrupted, klines).getLast();
        assertThat(InProcess.comparable(last)).isEqualTo(InProcess.comparable(expected));
        assertThat(last.values()).containsKeys("sma(50)", "sma(100)");
    }

    @Test
    void aStoppedBotsIndicatorsLeaveItsSeries() {
        Symbol symbol = Symbol.of("STOPBOTTESTUSDT");
        List<KlineClosed> klines = RecordedDay.closed(symbol).subList(0, 61);
        TestKafka.send(bootstrap, List.of(bot("ind-bot-stopping", symbol, FAST_50_SLOW_100)));
        await().until(() -> requirements.of(key(symbol)).containsAll(BOT_INDICATORS));
        TestKafka.send(bootstrap, klines.subList(0, 60));
        assertThat(TestKafka.snapshots(bootstrap, symbol, 60).getLast().values()).containsKey("sma(50)");

        TestKafka.send(bootstrap, List.of(stopped(bot("ind-bot-stopping", symbol, FAST_50_SLOW_100))));
        await().until(() -> requirements.of(key(symbol)).equals(new TreeSet<>(InProcess.DEFAULTS)));
        TestKafka.send(bootstrap, klines.subList(60, 61));

        IndicatorsComputed last = TestKafka.snapshots(bootstrap, symbol, 61).getLast();
        IndicatorsComputed defaultsOnly = InProcess.apply(InProcess.series(symbol, InProcess.DEFAULTS), klines).getLast();
        assertThat(InProcess.comparable(last)).as("the same as a series that never had the bot")
                .isEqualTo(InProcess.comparable(defaultsOnly));
    }

    @Test
    void aBotWhoseLatestRecordIsUnreadableIsTakenAsDeleted() {
        Symbol symbol = Symbol.of("SPOILTBOTTESTUSDT");
        TestKafka.send(bootstrap, List.of(bot("ind-bot-spoilt", symbol, FAST_50_SLOW_100)));
        await().until(() -> requirements.of(key(symbol)).containsAll(BOT_INDICATORS));

        TestKafka.sendRaw(bootstrap, Topics.BOTS, "ind-bot-spoilt", "{not a bot".getBytes(StandardCharsets.UTF_8));

        // A restart reads the same unreadable bytes from the table and runs no such bot: live must agree.
        await().until(() -> requirements.of(key(symbol)).equals(new TreeSet<>(InProcess.DEFAULTS)));
    }

    private static BotDefinition stopped(BotDefinition bot) {
        return new BotDefinition(bot.botId(), bot.name(), bot.market(), bot.symbol(), bot.interval(), bot.strategy(),
                bot.risk(), bot.venue(), BotStatus.STOPPED, false, bot.eventTime(), System.currentTimeMillis());
    }

    private static Set<String> union(Set<String> botIndicators) {
        Set<String> all = new TreeSet<>(InProcess.DEFAULTS);
        all.addAll(botIndicators);
        return all;
    }

    private static SeriesKey key(Symbol symbol) {
        return new SeriesKey(symbol, Interval.ONE_MINUTE);
    }

    private static BotDefinition bot(String id, Symbol symbol, Map<String, String> params) {
        BotDefinition template = GoldenEvents.event(BotDefinition.class);
        return new BotDefinition(id, template.name(), template.market(), symbol, Interval.ONE_MINUTE,
                new StrategySpec("sma-crossover", params), template.risk(), template.venue(), BotStatus.RUNNING,
                false, template.eventTime(), System.currentTimeMillis());
    }
}
