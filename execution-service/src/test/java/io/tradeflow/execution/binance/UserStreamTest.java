package io.tradeflow.execution.binance;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link UserStream} against {@link BinanceFuturesFake}: events of an order arrive parsed; listenKeyExpired, a keep-alive
 * answered -1125 and a dropped socket each bring a new key and a new socket, reported as a gap; keep-alives go out.
 */
class UserStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<UserEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> states = new CopyOnWriteArrayList<>();
    private BinanceFuturesFake binance;
    private Vertx vertx;
    private BinanceRest rest;
    private UserStream stream;

    @BeforeEach
    void start() {
        binance = new BinanceFuturesFake();
        binance.mark("BTCUSDT", "35000.0");
        vertx = Vertx.vertx();
        rest = FakeClient.of(binance);
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        rest.close();
        vertx.close();
        binance.close();
    }

    private void open(Duration keepAlive) {
        open(new UserStream.Timing(keepAlive, Duration.ofMinutes(2), Duration.ofMillis(200)));
    }

    private void open(UserStream.Timing timing) {
        stream = new UserStream("testnet", rest, URI.create(binance.userStreamUrl()), vertx, timing,
                new UserStream.Listener() {
                    @Override
                    public void event(UserEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void connected(boolean afterGap) {
                        states.add(afterGap ? "connected after a gap" : "connected");
                    }

                    @Override
                    public void disconnected(String why) {
                        states.add("disconnected");
                    }
                });
        stream.start();
        await().atMost(WAIT).until(stream::connected);
    }

    @Test
    void anOrdersEventsArriveParsed() throws Exception {
        open(Duration.ofMinutes(30));
        assertThat(binance.acceptedStreams()).as("the socket's query names the key and the events").isNotEmpty();

        marketBuy("tf-us-1");

        await().atMost(WAIT).until(() -> fills("tf-us-1").size() == 1);
        UserEvent.OrderTradeUpdate fill = fills("tf-us-1").get(0);
        assertThat(fill.lastFilledQuantity()).isEqualByComparingTo("0.010");
        assertThat(fill.lastFilledPrice()).isEqualByComparingTo("35000.0");
        assertThat(fill.commissionAsset()).isEqualTo("USDT");
        assertThat(fill.tradeId()).isPositive();
        assertThat(states).containsExactly("connected");
    }

    @Test
    void listenKeyExpiredBringsANewKeyAndASocketReportedAsAGap() throws Exception {
        open(Duration.ofMinutes(30));
        String first = binance.listenKey();

        binance.expireListenKey();

        await().atMost(WAIT).until(() -> states.contains("connected after a gap") && stream.connected());
        assertThat(binance.listenKey()).as("a new key").isNotEqualTo(first);
        assertThat(stream.reconnects()).isEqualTo(1);
        marketBuy("tf-us-2");
        await().atMost(WAIT).until(() -> fills("tf-us-2").size() == 1);
    }

    @Test
    void aSocketThatFallsSilentIsReplacedAndReportedAsAGap() throws Exception {
        open(new UserStream.Timing(Duration.ofMinutes(30), Duration.ofMillis(900), Duration.ofMillis(200)));
        // No event for several silence limits: the answered pings keep a quiet socket.
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> stream.connected() && stream.reconnects() == 0);

        binance.silenceStream();

        await().atMost(WAIT).until(() -> states.contains("connected after a gap") && stream.connected());
        assertThat(states).containsSubsequence("connected", "disconnected", "connected after a gap");
        assertThat(stream.silentSockets()).isEqualTo(1);
        marketBuy("tf-us-silent");
        await().atMost(WAIT).until(() -> fills("tf-us-silent").size() == 1);
    }

    @Test
    void aDroppedSocketIsOpenedAgainAndReportedAsAGap() throws Exception {
        open(Duration.ofMinutes(30));

        binance.dropStream();

        await().atMost(WAIT).until(() -> states.contains("connected after a gap") && stream.connected());
        assertThat(states).containsSubsequence("connected", "disconnected", "connected after a gap");
        marketBuy("tf-us-3");
        await().atMost(WAIT).until(() -> fills("tf-us-3").size() == 1);
    }

    @Test
    void keepAlivesGoOutAndAnExpiredKeyAnswered1125IsReplaced() throws Exception {
        open(Duration.ofMillis(300));
        await().atMost(WAIT).until(() -> binance.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().equals("/fapi/v1/listenKey")).count() >= 2);
        assertThat(states).containsExactly("connected");

        // The key lapses and nothing says so (its listenKeyExpired missed): only the next PUT's -1125 tells.
        binance.expireListenKeyQuietly();

        await().atMost(WAIT).until(() -> states.contains("connected after a gap") && stream.connected());
    }

    private void marketBuy(String clientOrderId) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "BUY");
        params.put("type", "MARKET");
        params.put("quantity", "0.010");
        params.put("newClientOrderId", clientOrderId);
        rest.post("/fapi/v1/order", params, BinanceRest.Security.SIGNED);
    }

    private List<UserEvent.OrderTradeUpdate> fills(String clientOrderId) {
        return events.stream().filter(e -> e instanceof UserEvent.OrderTradeUpdate u && u.clientOrderId()
                .equals(clientOrderId) && u.isFill()).map(e -> (UserEvent.OrderTradeUpdate) e).toList();
    }
}
