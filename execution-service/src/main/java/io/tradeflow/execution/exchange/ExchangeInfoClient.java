package io.tradeflow.execution.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeflow.core.domain.Market;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import io.tradeflow.exchangeinfo.ExchangeInfoFormatException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * Fetches Binance's public futures {@code exchangeInfo} (no API key, request weight 1): USD-M from
 * {@code {restUrl}/fapi/v1/exchangeInfo}, COIN-M from {@code {coinMRestUrl}/dapi/v1/exchangeInfo}. Blocking: call it
 * from a worker thread. One attempt per call and no retry loop: symbol rules are refreshed hourly and a failed refresh
 * keeps the rules already held (see {@link SymbolRulesBook}), so the next refresh is the retry.
 *
 * <p>Every failure is an {@link ExchangeInfoException} whose message names the request and what went wrong: no
 * connection, no answer within the timeout, an HTTP status (with Binance's {@code {"code":-1003,"msg":..}} when the
 * body is one), or a 2xx body that is not an exchangeInfo document.
 */
public final class ExchangeInfoClient {

    /** Long enough for the full USD-M answer (about 1 MB) on a slow link, short enough for an hourly task. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** Reads error bodies ({@code {"code":..,"msg":..}}) only; answers are parsed by {@link BinanceExchangeInfo}. */
    private static final ObjectMapper ERROR_READER = new ObjectMapper();

    private final URI usdMExchangeInfo;
    private final URI coinMExchangeInfo;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param restUrl      USD-M REST base, e.g. {@code https://fapi.binance.com} (a trailing slash is fine)
     * @param coinMRestUrl COIN-M REST base, e.g. {@code https://dapi.binance.com}
     * @param timeout      for connecting and again for the whole answer
     */
    public ExchangeInfoClient(String restUrl, String coinMRestUrl, Duration timeout) {
        this.usdMExchangeInfo = endpoint(restUrl, "/fapi/v1/exchangeInfo", "restUrl");
        this.coinMExchangeInfo = endpoint(coinMRestUrl, "/dapi/v1/exchangeInfo", "coinMRestUrl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The exchangeInfo URL of {@code market}. */
    public URI uri(Market market) {
        return market == Market.USD_M ? usdMExchangeInfo : coinMExchangeInfo;
    }

    /** Fetches and parses the rules of one market; see the class comment for the failures. */
    public BinanceExchangeInfo fetch(Market market) throws ExchangeInfoException, InterruptedException {
        URI uri = uri(Objects.requireNonNull(market, "market"));
        String request = "GET " + uri;
        HttpRequest httpRequest = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw ExchangeInfoException.timeout(request, e);
        } catch (IOException e) {
            // Refused, unknown host, reset, TLS: all "no connection" for whoever reads the log.
            throw ExchangeInfoException.unreachable(request, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw failure(request, status, response.body());
        }
        try {
            return BinanceExchangeInfo.parse(response.body(), market, request);
        } catch (ExchangeInfoFormatException e) {
            throw ExchangeInfoException.malformed(e.where(), e.problem());
        }
    }

    /** A non-2xx answer, with Binance's own code and message when the body is {@code {"code":..,"msg":..}}. */
    private static ExchangeInfoException failure(String request, int status, String body) {
        try {
            JsonNode error = ERROR_READER.readTree(body == null ? "" : body);
            if (error != null && error.path("code").isIntegralNumber() && error.path("msg").isTextual()) {
                return ExchangeInfoException.httpStatus(request, status, error.get("code").intValue(),
                        error.get("msg").asText());
            }
        } catch (IOException e) {
            // Not JSON (an HTML error page from a proxy or a CDN): the start of the body says more than the parser.
        }
        return ExchangeInfoException.httpStatus(request, status, null, brief(body));
    }

    private static URI endpoint(String base, String path, String name) {
        Objects.requireNonNull(base, name);
        String trimmed = base.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + base + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " '" + base + "' is not an absolute http(s) URL");
        }
        return uri;
    }

    /** The body on one line, at most 200 characters. */
    static String brief(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
