package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static io.tradeflow.marketdata.exchange.BinanceTestServer.resourceText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client and the history pager against {@link BinanceTestServer}, without Quarkus. */
class BinanceRestClientTest {
    private static final Subscription LONG_HISTORY = new Subscription(new Symbol("RESTAUSDT"), Interval.ONE_MINUTE);
    private static final Subscription SHORT_HISTORY = new Subscription(new Symbol("RESTBUSDT"), Interval.FIVE_MINUTES);
    private static BinanceTestServer server;
    private static BinanceRestClient rest;

    @BeforeAll
    static void start() {
        server = BinanceTestServer.start().list(LONG_HISTORY, 3_400).list(SHORT_HISTORY, 10);
        var endpoints = BinanceEndpoints.of(Market.USD_M, Optional.of(server.webSocketBase()), Optional.of(server.restBase()));
        rest = new BinanceRestClient(endpoints, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void warmUpPagesThroughHistoryAndLeavesTheOpenKlineOut() throws Exception {
        List<Kline> klines = new ArrayList<>();
        int handed = new BinanceKlineHistory(rest).closedKlines(LONG_HISTORY, new BinanceKlineHistory.Start.WarmUp(3_200), klines::add);

        long newestClosed = server.newestClosedTime(LONG_HISTORY);
        assertThat(handed).isEqualTo(klines.size()).isEqualTo(3_200);
        assertThat(klines).extracting(Kline::openTime).containsExactlyElementsOf(
                LongStream.rangeClosed(0, 3_199).map(i -> newestClosed - (3_199 - i) * 60_000).boxed().toList());
        assertThat(klines.getLast()).isEqualTo(BinanceTestServer.kline(LONG_HISTORY, newestClosed));
        assertThat(server.restRequests()).filteredOn(uri -> uri.contains("RESTAUSDT"))
                .extracting(uri -> uri.substring(uri.indexOf("limit=")))
                .containsExactly("limit=1500", "limit=1500", "limit=202");
    }

    @Test
    void aBackfillStartsRightAfterTheNewestPublishedKline() throws Exception {
        long newestClosed = server.newestClosedTime(SHORT_HISTORY);
        List<Kline> klines = new ArrayList<>();

        new BinanceKlineHistory(rest).closedKlines(SHORT_HISTORY,
                new BinanceKlineHistory.Start.After(newestClosed - 3 * 300_000), klines::add);

        assertThat(klines).extracting(Kline::openTime)
                .containsExactly(newestClosed - 2 * 300_000, newestClosed - 300_000, newestClosed);
    }

    @Test
    void theLimitAsksForWhatIsMissingAndNoMoreThanBinanceAllows() {
        long now = 1_700_024_405_000L;
        assertThat(BinanceKlineHistory.limitFor(now - 3 * 60_000, now, Interval.ONE_MINUTE)).isEqualTo(5);
        assertThat(BinanceKlineHistory.limitFor(now, now, Interval.ONE_MINUTE)).isEqualTo(2);
        assertThat(BinanceKlineHistory.limitFor(now - 30L * 24 * 3_600_000, now, Interval.ONE_MINUTE)).isEqualTo(1500);
        assertThat(BinanceKlineHistory.limitFor(now - 400L * 24 * 3_600_000, now, Interval.ONE_MONTH)).isEqualTo(16);
    }

    @Test
    void tooManyRequestsPausesForRetryAfterThenGoesOn() throws Exception {
        server.failNextRest(429, resourceText("usdm_error_-1003.official_docs.json"), "1");
        long started = System.nanoTime();

        long time = rest.serverTime();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(time).isEqualTo(server.now());
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        server.failNextRest(503, "{\"code\":-1000,\"msg\":\"Unknown error\"}", null);
        server.failNextRest(502, "<html>Bad Gateway</html>", null);

        assertThat(rest.serverTime()).isEqualTo(server.now());
    }

    @Test
    void anUnknownSymbolIsRefusedWithBinancesCodeAndMessage() {
        assertThatThrownBy(() -> rest.klines(new Symbol("NOPEUSDT"), Interval.ONE_MINUTE, 0, 1500))
                .isInstanceOfSatisfying(BinanceApiException.class, e -> {
                    assertThat(e.isInvalidSymbol()).isTrue();
                    assertThat(e.code()).isEqualTo(-1121);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.binanceMessage()).isEqualTo("Invalid symbol.");
                    assertThat(e.getMessage()).contains("NOPEUSDT", "-1121", "Invalid symbol.");
                });
    }

    @Test
    void anotherClientErrorIsReportedNotRetried() {
        server.failNextRest(400, resourceText("usdm_error_-1102.official_docs.json"), null);

        assertThatThrownBy(rest::serverTime).isInstanceOfSatisfying(BinanceApiException.class, e -> {
            assertThat(e.isInvalidSymbol()).isFalse();
            assertThat(e.code()).isEqualTo(-1102);
        });
    }
}
