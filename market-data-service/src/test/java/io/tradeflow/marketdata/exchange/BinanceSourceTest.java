package io.tradeflow.marketdata.exchange;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tradeflow.core.domain.BotStatus;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.marketdata.domain.PublishedKlines;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.domain.SubscriptionRegistry;
import io.tradeflow.marketdata.source.BinanceSource;
import io.tradeflow.marketdata.source.BinanceSourceHealth;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static io.tradeflow.marketdata.exchange.BinanceTestProfile.ADDED_LATER;
import static io.tradeflow.marketdata.exchange.BinanceTestProfile.SPOILED;
import static io.tradeflow.marketdata.exchange.BinanceTestProfile.STREAMED;
import static io.tradeflow.marketdata.exchange.BinanceTestProfile.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Binance source end to end: {@link BinanceTestServer} in place of Binance, the devstack's real Kafka and Redis
 * behind the service. Each test starts from wherever the previous ones left the stream (the server's clock only
 * moves forward), so they hold in any order.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(BinanceTestProfile.class)
class BinanceSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectBinanceTestServer
    BinanceTestServer server;
    @Inject
    PublishedKlines published;
    @Inject
    SubscriptionRegistry registry;
    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry meters;
    @Inject
    @Readiness
    BinanceSourceHealth health;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void warmsUpFromRestAndPublishesOnlyClosedKlinesWhileInProgressOnesRefreshThePrice() {
        awaitCaughtUp(STREAMED);
        long open = server.openKlineTime(STREAMED);
        BigDecimal lastTrade = BinanceTestServer.kline(STREAMED, open).high().add(new BigDecimal("0.07"));

        server.pushInProgress(STREAMED, open, lastTrade);

        await().atMost(WAIT).until(() -> lastTrade.toPlainString().equals(redis.value(String.class).get("price:" + STREAMED.symbol())));
        assertThat(published.newestOpenTime(STREAMED)).hasValue(open - minutes(1));

        server.advance(Duration.ofMinutes(1));

        List<KlineClosed> klines = awaitOnTopic(STREAMED, open);
        assertEveryKlineOnceWithoutGap(klines, STREAMED);
        assertThat(klines).hasSizeGreaterThanOrEqualTo(BinanceTestProfile.KEEP);
        KlineClosed closed = klines.getLast();
        assertThat(closed.kline()).isEqualTo(BinanceTestServer.kline(STREAMED, open));
        assertThat(closed.close()).isNotEqualByComparingTo(lastTrade);
        assertThat(closed.source()).isEqualTo(KlineSource.BINANCE);
        assertThat(closed.market()).isEqualTo(Market.USD_M);
        assertThat(closed.eventTime()).isGreaterThan(closed.closeTime());
    }

    @Test
    void aDroppedConnectionIsFollowedByAReconnectAndABackfillWithoutGapOrDuplicate() {
        awaitCaughtUp(STREAMED);
        long firstMissed = server.openKlineTime(STREAMED);
        long streamedOnReconnect = firstMissed + minutes(3);
        int upgrades = server.upgrades();
        double lost = meters.counter("tradeflow.websocket.reconnects", "reason", "connection-lost").count();
        double gaps = gapsCounted();

        // Four klines close while the connection is down: the stream never delivers three of them, and the fourth
        // arrives on the new connection while the (slowed) REST backfill still runs, so it must wait for it.
        server.advance(Duration.ofMinutes(4), STREAMED, SPOILED);
        server.delayRest(Duration.ofMillis(700));
        server.onNextConnection(() -> server.pushKline(STREAMED, streamedOnReconnect, true));
        server.dropConnections();

        await().atMost(WAIT).until(() -> server.upgrades() > upgrades && server.streams(STREAMED));
        awaitCaughtUp(STREAMED);
        server.delayRest(Duration.ZERO);
        server.advance(Duration.ofMinutes(1));

        List<KlineClosed> klines = awaitOnTopic(STREAMED, streamedOnReconnect + minutes(1));
        assertEveryKlineOnceWithoutGap(klines, STREAMED);
        assertThat(klines).extracting(KlineClosed::openTime).containsSubsequence(
                firstMissed, firstMissed + minutes(1), firstMissed + minutes(2), streamedOnReconnect, streamedOnReconnect + minutes(1));
        klines.forEach(kline -> assertThat(kline.kline()).isEqualTo(BinanceTestServer.kline(STREAMED, kline.openTime())));
        assertThat(meters.counter("tradeflow.websocket.reconnects", "reason", "connection-lost").count()).isGreaterThan(lost);
        // The stream kline waited behind the backfill instead of jumping ahead of the klines it missed.
        assertThat(gapsCounted()).isEqualTo(gaps);
    }

    @Test
    void aClosedKlineAfterALostOneIsPublishedOnlyAfterTheLostOneIsBackfilled() {
        awaitCaughtUp(STREAMED);
        long lostOne = server.openKlineTime(STREAMED);
        double gaps = gapsCounted();
        double backfilled = meters.counter("tradeflow.klines.backfilled", "interval", "1m").count();

        server.advance(Duration.ofMinutes(2), STREAMED);
        server.pushKline(STREAMED, lostOne + minutes(1), true);

        List<KlineClosed> klines = awaitOnTopic(STREAMED, lostOne + minutes(1));
        assertEveryKlineOnceWithoutGap(klines, STREAMED);
        assertThat(klines.get(klines.size() - 2).openTime()).isEqualTo(lostOne);
        assertThat(gapsCounted()).isEqualTo(gaps + 1);
        assertThat(meters.counter("tradeflow.klines.backfilled", "interval", "1m").count()).isGreaterThanOrEqualTo(backfilled + 1);
    }

    @Test
    void malformedMessagesAreCountedAndSkippedWhileTheStreamGoesOn() {
        awaitCaughtUp(SPOILED);
        long open = server.openKlineTime(SPOILED);
        double malformed = meters.counter("tradeflow.websocket.malformed").count();
        var kline = BinanceTestServer.kline(SPOILED, open);

        server.pushRaw("{\"stream\":\"" + BinanceEndpoints.streamName(SPOILED) + "\",\"data\":{not json");
        var missingClose = server.klineMessage(SPOILED, kline, true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) missingClose.get("data").get("k")).remove("c");
        server.pushToStream(SPOILED, missingClose);
        var badNumber = server.klineMessage(SPOILED, kline, true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) badNumber.get("data").get("k")).put("h", "12.3.4");
        server.pushToStream(SPOILED, badNumber);
        var impossible = server.klineMessage(SPOILED, kline, true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) impossible.get("data").get("k")).put("l", "1000000");
        server.pushToStream(SPOILED, impossible);
        server.advance(Duration.ofMinutes(1));

        List<KlineClosed> klines = awaitOnTopic(SPOILED, open);
        assertThat(meters.counter("tradeflow.websocket.malformed").count()).isEqualTo(malformed + 4);
        assertEveryKlineOnceWithoutGap(klines, SPOILED);
        assertThat(klines.getLast().kline()).isEqualTo(kline);
    }

    @Test
    void aNewPairIsSubscribedOnTheOpenConnectionAndWarmedUpAndAGonePairUnsubscribed() {
        awaitCaughtUp(STREAMED);
        int upgrades = server.upgrades();
        String stream = BinanceEndpoints.streamName(ADDED_LATER);

        registry.botUpdated("binance-source-test-bot", ADDED_LATER, BotStatus.RUNNING);

        await().atMost(WAIT).until(() -> server.commands().stream()
                .anyMatch(command -> command.method().equals("SUBSCRIBE") && command.params().contains(stream)));
        awaitCaughtUp(ADDED_LATER);
        List<KlineClosed> warmUp = awaitOnTopic(ADDED_LATER, server.newestClosedTime(ADDED_LATER));
        assertThat(warmUp).hasSizeGreaterThanOrEqualTo(BinanceTestProfile.KEEP);
        assertEveryKlineOnceWithoutGap(warmUp, ADDED_LATER);

        long open = server.openKlineTime(ADDED_LATER);
        server.advance(Duration.ofMinutes(5));
        awaitOnTopic(ADDED_LATER, open);

        registry.botUpdated("binance-source-test-bot", ADDED_LATER, BotStatus.STOPPED);

        await().atMost(WAIT).until(() -> server.commands().stream()
                .anyMatch(command -> command.method().equals("UNSUBSCRIBE") && command.params().contains(stream)));
        assertThat(server.upgrades()).as("no reconnect for a subscription change").isEqualTo(upgrades);
        assertThat(server.refusedPaths()).isEmpty();
    }

    @Test
    void aPairBinanceDoesNotKnowIsDropped() {
        awaitCaughtUp(STREAMED);
        String stream = BinanceEndpoints.streamName(UNKNOWN);

        registry.botUpdated("binance-source-unknown-bot", UNKNOWN, BotStatus.RUNNING);

        // Subscribed, then -1121 on the REST warm-up, then unsubscribed for good.
        await().atMost(WAIT).until(() -> server.commands().stream()
                .anyMatch(command -> command.method().equals("UNSUBSCRIBE") && command.params().contains(stream)));
        assertThat(server.restRequests()).anyMatch(uri -> uri.contains("symbol=" + UNKNOWN.symbol()));
        assertThat(published.newestOpenTime(UNKNOWN)).isEmpty();
        assertThat(server.streams(STREAMED)).isTrue();
    }

    @Test
    void serverPingsAreAnswered() {
        await().atMost(WAIT).until(() -> server.streams(STREAMED));
        int pongs = server.pongs();

        server.ping();

        await().atMost(WAIT).until(() -> server.pongs() > pongs);
    }

    @Test
    void readinessIsUpWhileTheStreamsAreConnected() {
        await().atMost(WAIT).until(() -> server.streams(STREAMED) && health.call().getStatus() == HealthCheckResponse.Status.UP);

        HealthCheckResponse response = health.call();

        assertThat(response.getName()).isEqualTo("binance-streams");
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data.get("openConnections")).isEqualTo(1L));
    }

    @Test
    void aStreamThatGoesSilentIsReportedCaughtUpOverRestAndAskedForAgainUntilItDeliversAgain() {
        awaitCaughtUp(STREAMED);
        awaitCaughtUp(SPOILED);
        String stream = BinanceEndpoints.streamName(STREAMED);
        long missed = server.openKlineTime(STREAMED);
        double silences = silencesCounted();
        int upgrades = server.upgrades();
        int commandsBefore = server.commands().size();

        try (var log = CapturedLog.of(BinanceSource.class)) {
            // The connection stays up, answers pings and SUBSCRIBE, and the other stream on it goes on delivering.
            server.silence(STREAMED);
            server.advance(Duration.ofMinutes(1));

            await().atMost(WAIT).until(() -> health.call().getData().map(data -> stream.equals(data.get("silentStreams"))).orElse(false));
            assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            // The watchdog marks the stream silent, then the WARN and the meters follow on the same thread.
            await().atMost(WAIT).until(() -> log.warnings().stream().anyMatch(line -> line.contains(stream))
                    && meters.get("tradeflow.binance.silent.streams").gauge().value() == 1.0);
            assertThat(silencesCounted()).isEqualTo(silences + 1);
            assertThat(log.warnings()).filteredOn(line -> line.contains(stream)).hasSize(1).first().asString()
                    .contains("silent", server.webSocketBase()).doesNotContain("has no /market");

            // The kline the stream did not send comes from REST: the topic has no hole.
            assertEveryKlineOnceWithoutGap(awaitOnTopic(STREAMED, missed), STREAMED);
            // Asked for again on its connection, the other stream left alone.
            await().atMost(WAIT).until(() -> server.commands().stream().skip(commandsBefore)
                    .anyMatch(command -> command.method().equals("SUBSCRIBE") && command.params().equals(List.of(stream))));
            assertThat(server.commands().stream().skip(commandsBefore).map(BinanceTestServer.Command::method).toList())
                    .startsWith("UNSUBSCRIBE", "SUBSCRIBE");
            assertThat(server.upgrades()).isEqualTo(upgrades);
            assertThat(health.call().getStatus()).as("REST filling the hole does not end the silence").isEqualTo(HealthCheckResponse.Status.DOWN);
        } finally {
            // Also when an assertion failed: the other tests need the stream.
            server.speakAgain();
        }

        server.advance(Duration.ofMinutes(1));

        assertEveryKlineOnceWithoutGap(awaitOnTopic(STREAMED, missed + minutes(1)), STREAMED);
        await().atMost(WAIT).until(() -> health.call().getStatus() == HealthCheckResponse.Status.UP);
        assertThat(silencesCounted()).as("one silence, counted once").isEqualTo(silences + 1);
        assertThat(meters.get("tradeflow.binance.silent.streams").gauge().value()).isZero();
    }

    @Test
    void aConnectionWhoseStreamsAreAllSilentIsReplacedAndTheirKlinesComeFromRest() {
        awaitCaughtUp(STREAMED);
        awaitCaughtUp(SPOILED);
        long missed = server.openKlineTime(STREAMED);
        int upgrades = server.upgrades();
        double reconnects = meters.counter("tradeflow.websocket.reconnects", "reason", "silent-streams").count();

        try {
            // What a client on a wrong base path gets: nothing on any stream, though everything else works.
            server.silenceAll();
            server.advance(Duration.ofMinutes(1));

            await().atMost(WAIT).until(() -> server.upgrades() > upgrades);
            assertThat(meters.counter("tradeflow.websocket.reconnects", "reason", "silent-streams").count()).isGreaterThan(reconnects);
            assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(health.call().getData()).hasValueSatisfying(data -> assertThat(data.get("silentStreams").toString())
                    .contains(BinanceEndpoints.streamName(STREAMED), BinanceEndpoints.streamName(SPOILED)));
            assertEveryKlineOnceWithoutGap(awaitOnTopic(STREAMED, missed), STREAMED);
            assertEveryKlineOnceWithoutGap(awaitOnTopic(SPOILED, server.newestClosedTime(SPOILED)), SPOILED);
        } finally {
            server.speakAgain();
        }

        await().atMost(WAIT).until(() -> server.streams(STREAMED) && server.streams(SPOILED));
        server.advance(Duration.ofMinutes(1));

        await().atMost(WAIT).until(() -> health.call().getStatus() == HealthCheckResponse.Status.UP);
        assertEveryKlineOnceWithoutGap(awaitOnTopic(STREAMED, missed + minutes(1)), STREAMED);
    }

    private void awaitCaughtUp(Subscription pair) {
        await().atMost(WAIT).until(() -> published.newestOpenTime(pair).orElse(-1) == server.newestClosedTime(pair));
    }

    /** Waits until the topic's newest kline of {@code pair} opens at {@code newestOpenTime}, and returns them all. */
    private List<KlineClosed> awaitOnTopic(Subscription pair, long newestOpenTime) {
        AtomicReference<List<KlineClosed>> klines = new AtomicReference<>(List.of());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            klines.set(PublishedKlineTopic.read(bootstrap, pair));
            return !klines.get().isEmpty() && klines.get().getLast().openTime() == newestOpenTime;
        });
        return klines.get();
    }

    private static void assertEveryKlineOnceWithoutGap(List<KlineClosed> klines, Subscription pair) {
        long length = pair.interval().duration().toMillis();
        long first = klines.getFirst().openTime();
        assertThat(klines).extracting(KlineClosed::openTime)
                .containsExactlyElementsOf(LongStream.range(0, klines.size()).map(i -> first + i * length).boxed().toList());
    }

    private double silencesCounted() {
        return meters.counter("tradeflow.binance.stream.silent", "interval", "1m").count();
    }

    private double gapsCounted() {
        return meters.counter("tradeflow.klines.gaps", "interval", "1m").count();
    }

    private static long minutes(int count) {
        return Duration.ofMinutes(count).toMillis();
    }
}
