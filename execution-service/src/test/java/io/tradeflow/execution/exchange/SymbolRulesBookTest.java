package io.tradeflow.execution.exchange;

import static io.tradeflow.execution.exchange.FakeBinance.COIN_M_PATH;
import static io.tradeflow.execution.exchange.FakeBinance.USD_M_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.execution.exchange.RefreshSummary.MarketRefresh;
import io.tradeflow.execution.exchange.RefreshSummary.Outcome;
import io.tradeflow.execution.exchange.RulesSource.Origin;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SymbolRulesBookTest {

    private static final Symbol BTCUSDT = Symbol.of("BTCUSDT");
    private static final Symbol ETHUSDT = Symbol.of("ETHUSDT");
    private static final Symbol BTCUSD_PERP = Symbol.of("BTCUSD_PERP");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final FakeBinance binance = new FakeBinance();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterEach
    void stop() {
        binance.close();
    }

    @Test
    void startsFromTheShippedSnapshots() {
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(null, clock);

        assertThat(book.all()).containsOnlyKeys(BTCUSDT, BTCUSD_PERP);
        assertThat(book.rules(BTCUSDT).map(SymbolRules::minNotional)).contains(new BigDecimal("100"));
        assertThat(book.rules(BTCUSD_PERP).map(SymbolRules::contractSize)).contains(new BigDecimal("100"));
        assertThat(book.rules(ETHUSDT)).isEmpty();
        assertThat(book.source(Market.USD_M)).isEqualTo(new RulesSource(Market.USD_M, Origin.SNAPSHOT,
                "classpath:exchange-info/usdm.json", Instant.parse("2025-05-30T09:23:34.323Z"), NOW, 1));
        assertThat(book.source(Market.COIN_M).serverTime()).isEqualTo(Instant.parse("2025-06-26T20:00:11.440Z"));
    }

    @Test
    void withoutAClientNothingIsFetched() {
        RefreshSummary summary = SymbolRulesBook.fromSnapshot(null, clock).refresh();

        assertThat(summary.markets()).extracting(MarketRefresh::outcome)
                .containsExactly(Outcome.NOT_FETCHED, Outcome.NOT_FETCHED);
        assertThat(binance.requests).isEmpty();
    }

    @Test
    void freshValuesFromBinanceReplaceTheSnapshot() {
        binance.answer(USD_M_PATH, 200, Payloads.freshUsdM()).answer(COIN_M_PATH, 200, Payloads.coinMSnapshot());
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(client(), clock);

        RefreshSummary summary = book.refresh();

        assertThat(summary.updatedAll()).isTrue();
        assertThat(summary.at()).isEqualTo(NOW);
        MarketRefresh usdM = summary.of(Market.USD_M);
        assertThat(usdM.rules()).isEqualTo(new RulesSource(Market.USD_M, Origin.EXCHANGE, binance.url() + USD_M_PATH,
                Instant.ofEpochMilli(1789478303560L), NOW, 2));
        assertThat(usdM.problem()).isEmpty();
        assertThat(book.source(Market.USD_M)).isEqualTo(usdM.rules());
        SymbolRules btc = book.rules(BTCUSDT).orElseThrow();
        assertThat(btc.minNotional().toPlainString()).isEqualTo("50");
        assertThat(btc.marketMaxQuantity().toPlainString()).isEqualTo("120");
        assertThat(book.rules(ETHUSDT).map(SymbolRules::tickSize)).contains(new BigDecimal("0.01"));
        assertThat(book.rules(BTCUSD_PERP)).isPresent();
        assertThat(summary.toString()).contains("USD_M updated: 2 USD_M symbols from " + binance.url() + USD_M_PATH);
    }

    @Test
    void aMarketIsReplacedWhole() {
        binance.answer(USD_M_PATH, 200, Payloads.officialDocsSample()).answer(COIN_M_PATH, 200, Payloads.coinMSnapshot());
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(client(), clock);

        book.refresh();

        // Binance no longer listing BTCUSDT as trading means no orders for it, not the old rules.
        assertThat(book.all()).containsOnlyKeys(Symbol.of("BLZUSDT"), BTCUSD_PERP);
    }

    @Test
    void aServerErrorKeepsTheSnapshotAndSaysWhy() {
        binance.answer(USD_M_PATH, 500, "Internal Server Error").answer(COIN_M_PATH, 200, Payloads.coinMSnapshot());
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(client(), clock);

        RefreshSummary summary = book.refresh();

        MarketRefresh usdM = summary.of(Market.USD_M);
        assertThat(usdM.outcome()).isEqualTo(Outcome.KEPT);
        assertThat(usdM.rules().origin()).isEqualTo(Origin.SNAPSHOT);
        assertThat(usdM.problem()).isEqualTo("GET " + binance.url() + USD_M_PATH
                + " -> HTTP 500, Internal Server Error; a failure on Binance's side; the next refresh tries again");
        assertThat(book.rules(BTCUSDT).map(SymbolRules::minNotional)).contains(new BigDecimal("100"));
        assertThat(book.source(Market.USD_M).origin()).isEqualTo(Origin.SNAPSHOT);
        assertThat(summary.of(Market.COIN_M).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(summary.updatedAll()).isFalse();
    }

    @Test
    void aRateLimitErrorKeepsTheSnapshotAndQuotesBinance() {
        binance.answer(USD_M_PATH, 429, Payloads.tooManyRequests()).answer(COIN_M_PATH, 429, Payloads.tooManyRequests());
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(client(), clock);

        RefreshSummary summary = book.refresh();

        assertThat(summary.markets()).extracting(MarketRefresh::outcome).containsExactly(Outcome.KEPT, Outcome.KEPT);
        assertThat(summary.of(Market.USD_M).problem())
                .contains("HTTP 429, Binance error -1003: Too many requests")
                .contains("request weight");
        assertThat(book.all()).containsOnlyKeys(BTCUSDT, BTCUSD_PERP);
    }

    @Test
    void anUnreachableBinanceKeepsTheSnapshot() {
        String nowhere = "http://127.0.0.1:" + FakeBinance.closedPort();
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(
                new ExchangeInfoClient(nowhere, nowhere, Duration.ofSeconds(5)), clock);

        RefreshSummary summary = book.refresh();

        assertThat(summary.of(Market.USD_M).outcome()).isEqualTo(Outcome.KEPT);
        assertThat(summary.of(Market.USD_M).problem())
                .startsWith("GET " + nowhere + USD_M_PATH + ": unreachable (")
                .contains("set tradeflow.execution.binance.exchange-info-fetch=false");
        assertThat(book.rules(BTCUSDT)).isPresent();
        assertThat(book.rules(BTCUSD_PERP)).isPresent();
    }

    @Test
    void anAnswerWithNoUsableSymbolKeepsTheRules() {
        String allSettling = Payloads.usdMSnapshot().replace("\"status\": \"TRADING\"", "\"status\": \"SETTLING\"");
        binance.answer(USD_M_PATH, 200, allSettling).answer(COIN_M_PATH, 200, Payloads.coinMSnapshot());
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(client(), clock);

        MarketRefresh usdM = book.refresh().of(Market.USD_M);

        assertThat(usdM.outcome()).isEqualTo(Outcome.KEPT);
        assertThat(usdM.problem()).contains("no usable symbol (1 not trading, 0 rejected)");
        assertThat(book.rules(BTCUSDT)).isPresent();
    }

    @Test
    void aFailureAfterASuccessKeepsTheLastGoodRulesNotTheSnapshot() {
        binance.answer(USD_M_PATH, 200, Payloads.freshUsdM()).answer(COIN_M_PATH, 200, Payloads.coinMSnapshot());
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(client(), clock);
        book.refresh();
        binance.answer(USD_M_PATH, 503, "");

        MarketRefresh usdM = book.refresh().of(Market.USD_M);

        assertThat(usdM.outcome()).isEqualTo(Outcome.KEPT);
        assertThat(usdM.rules().origin()).isEqualTo(Origin.EXCHANGE);
        assertThat(book.rules(BTCUSDT).map(SymbolRules::minNotional)).contains(new BigDecimal("50"));
        assertThat(book.rules(ETHUSDT)).isPresent();
    }

    @Test
    void readersAlwaysSeeACompleteSetOfRules() throws Exception {
        binance.answer(USD_M_PATH, 200, Payloads.freshUsdM()).answer(COIN_M_PATH, 200, Payloads.coinMSnapshot());
        SymbolRulesBook book = SymbolRulesBook.fromSnapshot(client(), clock);
        AtomicBoolean done = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            reading.countDown();
            while (!done.get()) {
                if (book.rules(BTCUSDT).isEmpty() || book.rules(BTCUSD_PERP).isEmpty()) {
                    seen.add("a read found a symbol without rules");
                    return;
                }
            }
        });
        reading.await(5, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            book.refresh();
        }
        done.set(true);
        reader.join(5_000);

        assertThat(seen).isEmpty();
    }

    private ExchangeInfoClient client() {
        return new ExchangeInfoClient(binance.url(), binance.url(), Duration.ofSeconds(5));
    }
}
