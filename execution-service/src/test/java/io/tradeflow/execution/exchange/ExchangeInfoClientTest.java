package io.tradeflow.execution.exchange;

import static io.tradeflow.execution.exchange.FakeBinance.COIN_M_PATH;
import static io.tradeflow.execution.exchange.FakeBinance.USD_M_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.execution.exchange.ExchangeInfoException.Kind;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExchangeInfoClientTest {

    private final FakeBinance binance = new FakeBinance();
    private final ExchangeInfoClient client = new ExchangeInfoClient(binance.url() + "/", binance.url(),
            Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        binance.close();
    }

    @Test
    void fetchesUsdMFromFapiAndCoinMFromDapi() throws Exception {
        binance.answer(USD_M_PATH, 200, Payloads.usdMSnapshot()).answer(COIN_M_PATH, 200, Payloads.coinMSnapshot());

        assertThat(client.fetch(Market.USD_M).rules()).containsOnlyKeys(Symbol.of("BTCUSDT"));
        assertThat(client.fetch(Market.COIN_M).rules()).containsOnlyKeys(Symbol.of("BTCUSD_PERP"));
        assertThat(binance.requests).containsExactly("GET " + USD_M_PATH, "GET " + COIN_M_PATH);
        assertThat(client.uri(Market.USD_M)).hasToString(binance.url() + USD_M_PATH);
    }

    @Test
    void aServerErrorNamesTheRequestAndStatus() {
        binance.answer(USD_M_PATH, 500, "<html>Internal Server Error</html>");

        assertThatThrownBy(() -> client.fetch(Market.USD_M))
                .isInstanceOfSatisfying(ExchangeInfoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.binanceCode()).isEmpty();
                    assertThat(e.getMessage()).isEqualTo("GET " + binance.url() + USD_M_PATH
                            + " -> HTTP 500, <html>Internal Server Error</html>");
                    assertThat(e.advice()).contains("Binance's side");
                });
    }

    @Test
    void binancesErrorBodyIsQuoted() {
        binance.answer(USD_M_PATH, 429, Payloads.tooManyRequests());

        assertThatThrownBy(() -> client.fetch(Market.USD_M))
                .isInstanceOfSatisfying(ExchangeInfoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.binanceCode()).hasValue(-1003);
                    assertThat(e.getMessage()).isEqualTo("GET " + binance.url() + USD_M_PATH
                            + " -> HTTP 429, Binance error -1003: Too many requests; current limit is %s requests per"
                            + " minute. Please use the websocket for live updates to avoid polling the API.");
                    assertThat(e.advice()).contains("request weight");
                });
    }

    @Test
    void aRestrictedLocationIsToldApart() {
        binance.answer(USD_M_PATH, 451, "{\"code\":0,\"msg\":\"Service unavailable from a restricted location\"}");

        assertThatThrownBy(() -> client.fetch(Market.USD_M))
                .isInstanceOfSatisfying(ExchangeInfoException.class, e -> {
                    assertThat(e.getMessage()).endsWith(
                            "-> HTTP 451, Binance error 0: Service unavailable from a restricted location");
                    assertThat(e.advice()).contains("location");
                });
    }

    @Test
    void aClosedPortIsUnreachable() {
        ExchangeInfoClient nowhere = new ExchangeInfoClient("http://127.0.0.1:" + FakeBinance.closedPort(),
                binance.url(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> nowhere.fetch(Market.USD_M))
                .isInstanceOfSatisfying(ExchangeInfoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("GET " + nowhere.uri(Market.USD_M) + ": unreachable (");
                    assertThat(e.advice()).contains("tradeflow.execution.binance.rest-url");
                });
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        binance.answer(USD_M_PATH, 200, Payloads.usdMSnapshot(), Duration.ofSeconds(2));
        ExchangeInfoClient impatient = new ExchangeInfoClient(binance.url(), binance.url(), Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.fetch(Market.USD_M))
                .isInstanceOfSatisfying(ExchangeInfoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(e.getMessage()).startsWith("GET " + impatient.uri(Market.USD_M) + ": no answer in time");
                });
    }

    @Test
    void aPageThatIsNotExchangeInfoIsMalformed() {
        binance.answer(USD_M_PATH, 200, "<html>Please log in to the hotel wifi</html>");

        assertThatThrownBy(() -> client.fetch(Market.USD_M))
                .isInstanceOfSatisfying(ExchangeInfoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                    assertThat(e.getMessage()).startsWith(
                            "GET " + binance.url() + USD_M_PATH + ": not an exchangeInfo document (not JSON");
                });
    }

    @Test
    void urlsAreChecked() {
        assertThatThrownBy(() -> new ExchangeInfoClient("fapi.binance.com", binance.url(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("restUrl 'fapi.binance.com' is not an absolute http(s) URL");
    }
}
