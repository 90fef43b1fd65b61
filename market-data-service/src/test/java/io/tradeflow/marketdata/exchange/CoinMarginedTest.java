package io.tradeflow.marketdata.exchange;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * COIN-M against a server that serves only COIN-M paths: REST under {@code /dapi}, streams on {@code /stream} at the
 * root of the base (COIN-M has no {@code /market} base). A client that mixed up the markets would get 404s.
 */
class CoinMarginedTest {
    private static final Subscription PERPETUAL = new Subscription(new Symbol("BTCUSD_PERP"), Interval.ONE_MINUTE);

    private final BinanceTestServer server = BinanceTestServer.startCoinMargined().list(PERPETUAL, 50);
    private final BinanceEndpoints endpoints = BinanceEndpoints.of(Market.COIN_M, Optional.of(server.webSocketBase()), Optional.of(server.restBase()));
    private final Vertx vertx = Vertx.vertx();
    private BinanceStreamPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.close();
    }

    @Test
    void historyComesFromTheCoinMarginedRestPaths() throws Exception {
        var rest = new BinanceRestClient(endpoints, Duration.ofMillis(50), Duration.ofMillis(200));
        List<Kline> klines = new ArrayList<>();
        new BinanceKlineHistory(rest).closedKlines(PERPETUAL, new BinanceKlineHistory.Start.WarmUp(40), klines::add);

        assertThat(klines).hasSize(40).allMatch(k -> k.symbol().equals(PERPETUAL.symbol()));
        assertThat(klines.getLast()).isEqualTo(BinanceTestServer.kline(PERPETUAL, server.newestClosedTime(PERPETUAL)));
        assertThat(server.restRequests()).isNotEmpty().allMatch(uri -> uri.startsWith("/dapi/v1/"))
                .anyMatch(uri -> uri.startsWith("/dapi/v1/klines?symbol=BTCUSD_PERP"));
    }

    @Test
    void streamsConnectWithoutTheUsdMarginedMarketBase() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        pool = new BinanceStreamPool(vertx, endpoints,
                new BinanceStreamPool.Settings(200, Duration.ofHours(23), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(10)),
                new BinanceStreamPool.Listener() {
                    @Override
                    public void streamsStarted(Set<String> streams) {
                    }

                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                }, new MarketDataMetrics(new SimpleMeterRegistry()));
        pool.update(Set.of(BinanceEndpoints.streamName(PERPETUAL)));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streams(PERPETUAL));

        long newest = server.newestClosedTime(PERPETUAL);
        server.pushKline(PERPETUAL, newest, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> messages.size() == 1);
        var parsed = BinanceMessageParser.parseStreamMessage(messages.getFirst());
        assertThat(parsed).isInstanceOfSatisfying(BinanceKlineMessage.class, update -> {
            assertThat(update.closed()).isTrue();
            assertThat(update.pair()).isEqualTo(PERPETUAL);
            try {
                assertThat(update.toKline()).isEqualTo(BinanceTestServer.kline(PERPETUAL, newest));
            } catch (MalformedMessageException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(server.refusedPaths()).isEmpty();
    }
}
