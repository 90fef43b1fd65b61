package io.tradeflow.execution.binance;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.SignalAction;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.SignalGenerated;
import io.tradeflow.core.execution.PaperSettings;
import io.tradeflow.core.execution.PaperVenue;
import io.tradeflow.core.execution.RiskLimits;
import io.tradeflow.core.execution.Trader;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.execution.Fixtures;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The venue against Binance's real futures testnet (demo account), with your own testnet keys: a small BTCUSDT long
 * entered at market with its stop-loss (2 % below) and take-profit (2 % above) as algo orders, then closed by an exit
 * signal, which cancels both. Off by default (tag {@code binance-testnet}, excluded in the pom); run it with
 * <pre>
 * TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_API_KEY=... TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_SECRET_KEY=... \
 *   ./mvnw -pl execution-service -am verify -Dtest=BinanceTestnetTest -Dexcluded.test.groups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The account must be in one-way mode and hold no BTCUSDT position. Override the URLs with
 * {@code TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_REST_URL} / {@code ..._USER_STREAM_URL}.
 */
@Tag("binance-testnet")
@EnabledIfEnvironmentVariable(named = "TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_API_KEY", matches = ".+")
class BinanceTestnetTest {
    private static final Symbol BTCUSDT = Symbol.of("BTCUSDT");

    @Test
    void aLongEnteredWithItsBracketAndClosedByAnExitSignal() throws Exception {
        String restUrl = env("TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_REST_URL", "https://demo-fapi.binance.com");
        String streamUrl = env("TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_USER_STREAM_URL",
                "wss://fstream.binancefuture.com/private");
        RequestGate gate = RequestGate.system(0.9);
        Vertx vertx = Vertx.vertx();
        try (BinanceRest rest = new BinanceRest("testnet", FuturesApi.USD_M, URI.create(restUrl),
                Optional.of(Secret.of(System.getenv("TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_API_KEY"))),
                Optional.of(RequestSigner.hmac(Secret.of(System.getenv(
                        "TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_TESTNET_SECRET_KEY")))), Duration.ofSeconds(5),
                Duration.ofSeconds(10), gate, System::currentTimeMillis,
                new BinanceRestMetrics(new SimpleMeterRegistry(), "testnet", gate))) {
            SymbolRules rules = BinanceExchangeInfo.parse(rest.get("/fapi/v1/exchangeInfo", Map.of(),
                    BinanceRest.Security.NONE).toString(), Market.USD_M, restUrl).rules().get(BTCUSDT);
            BigDecimal mark = new BigDecimal(rest.get("/fapi/v1/premiumIndex", Map.of("symbol", "BTCUSDT"),
                    BinanceRest.Security.NONE).path("markPrice").asText());
            Set<String> claims = ConcurrentHashMap.newKeySet();
            BinanceVenue venue = new BinanceVenue(Venue.TESTNET, new BinanceOrders(rest,
                    BinanceOrders.Conditions.DEFAULT, Duration.ofMillis(500)), order -> claims.add(order.clientOrderId()),
                    Duration.ofSeconds(5),
                    System::currentTimeMillis);
            UserStream stream = new UserStream("testnet", rest, URI.create(streamUrl), vertx,
                    new UserStream.Timing(Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(2)),
                    new UserStream.Listener() {
                        @Override
                        public void event(UserEvent event) {
                            venue.onEvent(event);
                        }

                        @Override
                        public void connected(boolean afterGap) {
                        }

                        @Override
                        public void disconnected(String why) {
                        }
                    });
            stream.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(stream::connected);
                Trader trader = new Trader(kind -> kind == Venue.TESTNET ? Optional.of(venue) : Optional.empty(),
                        symbol -> Optional.of(rules), RiskLimits.DEFAULTS, new PaperVenue(PaperSettings.DEFAULTS,
                        symbol -> Optional.of(rules), System::currentTimeMillis), System::currentTimeMillis);
                BotDefinition bot = Fixtures.bot("testnet-check-" + System.currentTimeMillis() % 100_000, BTCUSDT,
                        Venue.TESTNET);

                Trader.Decision entry = trader.onSignal(signal(bot, SignalAction.ENTER_LONG, mark,
                        mark.multiply(new BigDecimal("0.98")).setScale(1, RoundingMode.DOWN),
                        mark.multiply(new BigDecimal("1.02")).setScale(1, RoundingMode.UP)), bot,
                        System.currentTimeMillis());
                assertThat(entry.outcome()).as(entry.detail()).isEqualTo(Trader.Outcome.ENTERED);
                assertThat(entry.orders()).filteredOn(o -> o.role() != OrderRole.ENTRY)
                        .extracting(OrderUpdated::status).containsOnly(OrderStatus.NEW);

                Trader.Decision exit = trader.onSignal(signal(bot, SignalAction.EXIT_LONG, mark, null, null), bot,
                        System.currentTimeMillis());
                assertThat(exit.outcome()).as(exit.detail()).isEqualTo(Trader.Outcome.EXITED);
                assertThat(venue.position(bot.botId())).isEmpty();
            } finally {
                stream.close();
                vertx.close();
            }
        }
    }

    /** A signal on the last closed kline (an entry) or the one before it (an exit), so that each has its own id. */
    private static SignalGenerated signal(BotDefinition bot, SignalAction action, BigDecimal reference,
                                          BigDecimal stop, BigDecimal target) {
        long now = System.currentTimeMillis();
        long open = now - now % 60_000 - (action.isEntry() ? 120_000 : 60_000);
        return new SignalGenerated(bot.botId(), "sma-crossover", bot.symbol(), bot.interval(), open, action,
                reference, stop, target, "testnet check", open + 59_999, now);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
